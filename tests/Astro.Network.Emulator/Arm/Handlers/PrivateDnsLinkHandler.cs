using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/privateDnsZones/virtualNetworkLinks (privatedns.json 2020-06-01; example VirtualNetworkLinkPut.json).
/// PUT 201/200 at once: location "global", properties.virtualNetwork.id a VNet ID (it may be in another subscription),
/// registrationEnabled default false, virtualNetworkLinkState Completed. A second link from the zone to the same VNet is
/// refused 409 Conflict [inf]. DELETE 200, 204 when absent.
/// </summary>
public sealed class PrivateDnsLinkHandler : ArmResourceHandler
{
    public override string ResourceType => PrivateDns.LinkType;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2020-06-01"];
    protected override bool BodyHasETag => true;

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var request = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (PrivateDns.LocationError(ctx, request) is { } error)
        {
            return error;
        }
        var vnetId = JsonText.Of(request["properties"]?["virtualNetwork"]?["id"]);
        if (vnetId is null || !string.Equals(ArmPath.TypeOf(vnetId), "Microsoft.Network/virtualNetworks", StringComparison.OrdinalIgnoreCase))
        {
            return ctx.Error(400, "BadRequest", "properties.virtualNetwork.id must be the resource ID of a virtual network.");
        }
        if (ctx.Store.List(ctx.Path.Owner, ResourceType).Any(l => !l.Id.Equals(ctx.ResourceId, StringComparison.OrdinalIgnoreCase)
                && string.Equals(JsonText.Of(l.Body["properties"]?["virtualNetwork"]?["id"]), vnetId, StringComparison.OrdinalIgnoreCase)))
        {
            return ctx.Error(409, "Conflict", $"A link to virtual network {vnetId} already exists in the private DNS zone.");
        }
        var registration = request["properties"]?["registrationEnabled"] is JsonValue r && r.TryGetValue<bool>(out var on) && on;
        var body = WithIdentity(ctx, new JsonObject
        {
            ["location"] = "global",
            ["tags"] = request["tags"]?.DeepClone() ?? new JsonObject(),
            ["properties"] = new JsonObject
            {
                ["virtualNetwork"] = new JsonObject { ["id"] = vnetId },
                ["registrationEnabled"] = registration,
                ["virtualNetworkLinkState"] = "Completed",
                ["provisioningState"] = "Succeeded",
            },
        });
        var (outcome, stored) = ctx.Store.Put(ctx.ResourceId, body, ctx.IfMatch, ctx.IfNoneMatch);
        return outcome == StoreOutcome.PreconditionFailed ? ctx.PreconditionFailed() : Respond(outcome == StoreOutcome.Created ? 201 : 200, stored!);
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx) => Task.FromResult<IResult?>(PrivateDns.Delete(ctx));
}

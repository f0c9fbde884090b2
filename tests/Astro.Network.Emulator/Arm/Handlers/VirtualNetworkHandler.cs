using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/virtualNetworks (virtualNetwork.json, 2024-01-01): GET/list; PUT is an LRO (final-state-via
/// azure-async-operation), DELETE an LRO (final-state-via location). Subnets and peerings stay embedded in the body;
/// peerings are written only through <see cref="VirtualNetworkPeeringHandler"/> (a VNet PUT keeps them) [inf], and
/// GET/list count as reads of the VNet's peerings (<see cref="VirtualNetworkPeerings.OnRead"/>).
/// </summary>
public sealed class VirtualNetworkHandler : ArmResourceHandler
{
    public override string ResourceType => "Microsoft.Network/virtualNetworks";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01", "2022-01-01"]; // 2022-01-01: the Azure CLI 2.45
    protected override bool BodyHasETag => true;

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        var properties = Properties(body);
        properties["addressSpace"] ??= new JsonObject { ["addressPrefixes"] = new JsonArray() };
        properties["subnets"] ??= new JsonArray();
        properties["provisioningState"] ??= "Succeeded";
        properties["resourceGuid"] ??= Guid.NewGuid().ToString();
        properties["virtualNetworkPeerings"] = VirtualNetworkPeerings.PresentAll(null, stored.Id, stored.Body);
        return body;
    }

    protected override IResult? GetAsync(ArmRequestContext ctx)
    {
        VirtualNetworkPeerings.OnRead(ctx.Store, ctx.ResourceId);
        return ctx.Store.Get(ctx.ResourceId) is { } stored ? Respond(ctx.Store, 200, stored) : ctx.NotFound();
    }

    protected override IResult? ListAsync(ArmRequestContext ctx)
    {
        foreach (var vnet in ctx.Store.List(ctx.Path.Owner, ResourceType))
        {
            VirtualNetworkPeerings.OnRead(ctx.Store, vnet.Id);
        }
        return ctx.Page(ctx.Store.List(ctx.Path.Owner, ResourceType).Select(r => (JsonNode)Present(ctx.Store, r)));
    }

    /// <summary>The VNet with its peerings presented against the store (remote address spaces, sync level).</summary>
    private JsonObject Present(ArmResourceStore store, StoredResource stored)
    {
        var body = Present(stored);
        Properties(body)["virtualNetworkPeerings"] = VirtualNetworkPeerings.PresentAll(store, stored.Id, stored.Body);
        return body;
    }

    private EmulatorResult Respond(ArmResourceStore store, int status, StoredResource stored) =>
        EmulatorResult.Json(status, Present(store, stored)).WithHeader("ETag", stored.ETag);

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var body = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (body["location"] is not JsonValue)
        {
            return ctx.Error(400, "LocationRequired", "The location property is required for this definition.");
        }
        var prefixes = body["properties"]?["addressSpace"]?["addressPrefixes"] as JsonArray;
        if (prefixes is null || prefixes.Count == 0 || prefixes.Any(p => !IsCidr((string?)p)))
        {
            return ctx.Error(400, "InvalidAddressPrefixFormat", "Address prefix in properties.addressSpace.addressPrefixes is not in a valid CIDR format.");
        }
        var existing = ctx.Store.Get(ctx.ResourceId);
        var properties = Properties(WithIdentity(ctx, body));
        properties["resourceGuid"] = existing?.Body["properties"]?["resourceGuid"]?.DeepClone() ?? Guid.NewGuid().ToString();
        properties["virtualNetworkPeerings"] = existing?.Body["properties"]?["virtualNetworkPeerings"]?.DeepClone() ?? new JsonArray();
        properties["provisioningState"] = "Updating";
        body.Remove("etag");
        var (outcome, stored) = ctx.Store.Put(ctx.ResourceId, body, ctx.IfMatch, ctx.IfNoneMatch);
        if (outcome == StoreOutcome.PreconditionFailed)
        {
            return ctx.PreconditionFailed();
        }
        return ctx.LongRunning(outcome == StoreOutcome.Created ? 201 : 200, Present(ctx.Store, stored!),
            complete: () => ctx.Store.Update(ctx.ResourceId, b => Properties(b)["provisioningState"] = "Succeeded"),
            location: (string?)body["location"])
            .WithHeader("ETag", stored!.ETag);
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        var current = ctx.Store.Get(ctx.ResourceId);
        if (current is null)
        {
            return Task.FromResult<IResult?>(Hosting.EmulatorResult.Empty(204));
        }
        if (ctx.IfMatch is { } ifMatch && ifMatch != "*" && ifMatch != current.ETag)
        {
            return Task.FromResult<IResult?>(ctx.PreconditionFailed());
        }
        ctx.Store.Update(ctx.ResourceId, b => Properties(b)["provisioningState"] = "Deleting");
        return Task.FromResult<IResult?>(ctx.LongRunning(202, null,
            complete: () =>
            {
                ctx.Store.Delete(ctx.ResourceId);
                foreach (var remoteId in VirtualNetworkPeerings.Of(current.Body).OfType<JsonObject>().Select(VirtualNetworkPeerings.RemoteId).OfType<string>())
                {
                    VirtualNetworkPeerings.OtherSideRemoved(ctx.Store, remoteId, ctx.ResourceId);
                }
            },
            locationHeader: true,
            location: (string?)current.Body["location"]));
    }

    private static bool IsCidr(string? text)
    {
        var parts = text?.Split('/');
        return parts is { Length: 2 } && IPAddress.TryParse(parts[0], out var ip)
            && int.TryParse(parts[1], out var bits) && bits >= 0 && bits <= (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}

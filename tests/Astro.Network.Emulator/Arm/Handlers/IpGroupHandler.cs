using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/ipGroups (ipGroups.json 2024-01-01): GET, list by group and subscription, and IpGroups_CreateOrUpdate
/// onto an existing group: a long-running PUT (200 with provisioningState Updating + Azure-AsyncOperation, final-state-via
/// azure-async-operation) that replaces tags and ipAddresses and keeps the read-only firewalls/firewallPolicies
/// back-references; etag new on every write, If-Match honoured (412). ipAddresses items: IPv4 address, CIDR block or
/// "a-b" range, else 400 [inf: code]. Creating a group is not modelled (404).
/// </summary>
public sealed class IpGroupHandler : ArmResourceHandler
{
    public override string ResourceType => "Microsoft.Network/ipGroups";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01"];
    protected override bool BodyHasETag => true;

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["ipAddresses"] ??= new JsonArray();
        properties["firewalls"] ??= new JsonArray();
        properties["firewallPolicies"] ??= new JsonArray();
        return body;
    }

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var put = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (ctx.Store.Get(ctx.ResourceId) is null)
        {
            return ctx.NotFound();
        }
        if (JsonText.Items(put["properties"], "ipAddresses") is not { } addresses)
        {
            return BadRequest("The property 'ipAddresses' must be an array.");
        }
        var invalid = addresses.Select(JsonText.Of).Where(a => !IsAddress(a)).Take(1).ToList();
        if (invalid.Count > 0)
        {
            return BadRequest($"The IP address '{invalid[0]}' of the IP group is not a valid IPv4 address, CIDR block or range.");
        }
        var (outcome, stored) = ctx.Store.Update(ctx.ResourceId, body =>
        {
            body["tags"] = put["tags"]?.DeepClone() ?? new JsonObject();
            var properties = Properties(body);
            properties["ipAddresses"] = new JsonArray(addresses.Select(a => a!.DeepClone()).ToArray());
            properties["provisioningState"] = "Updating";
        }, ctx.IfMatch == "*" ? null : ctx.IfMatch);
        if (outcome == StoreOutcome.PreconditionFailed)
        {
            return ctx.PreconditionFailed();
        }
        return ctx.LongRunning(200, Present(stored!),
            complete: () => ctx.Store.Update(ctx.ResourceId, body => Properties(body)["provisioningState"] = "Succeeded"),
            location: (string?)stored!.Body["location"])
            .WithHeader("ETag", stored.ETag);
    }

    private static bool IsAddress(string? text) =>
        Ipv4Block.Parse(text) is not null
        || (text?.Split('-') is [var first, var last] && Ipv4Block.ParseAddress(first) is { } from && Ipv4Block.ParseAddress(last) is { } to && from <= to);

    private static EmulatorResult BadRequest(string message) => ArmErrors.Error(400, "InvalidRequestFormat", message);
}

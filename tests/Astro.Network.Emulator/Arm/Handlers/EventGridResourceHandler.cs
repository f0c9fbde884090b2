using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.EventGrid/topics and /domains (EventGrid.json 2022-06-15): GET, list by group and subscription, and the
/// long-running PATCH (Topics_Update / Domains_Update: 200 with provisioningState Updating, Azure-AsyncOperation and
/// Location; applied when the operation completes; inboundIpRules replaced whole, as merge-patch does with arrays).
/// inboundIpRules items: ipMask an IPv4 address or CIDR block, action only "Allow"; publicNetworkAccess Enabled|Disabled
/// (default Enabled). The spec declares no error schema ("400 Bad Request"): errors use the wrapped ARM form [inf: codes].
/// </summary>
public sealed class EventGridResourceHandler(string resourceType) : PatchableResourceHandler
{
    public static EventGridResourceHandler Topics() => new("Microsoft.EventGrid/topics");

    public static EventGridResourceHandler Domains() => new("Microsoft.EventGrid/domains");

    public override string ResourceType => resourceType;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2022-06-15"];

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["endpoint"] ??= $"https://{stored.Body["name"]}.{stored.Body["location"] ?? "eastus2"}-1.eventgrid.azure.net/api/events";
        properties["inputSchema"] ??= "EventGridSchema";
        properties["publicNetworkAccess"] ??= "Enabled";
        properties["inboundIpRules"] ??= new JsonArray();
        properties["disableLocalAuth"] ??= false;
        return body;
    }

    protected override async Task<IResult?> PatchAsync(ArmRequestContext ctx)
    {
        var patch = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (ctx.Store.Get(ctx.ResourceId) is not { } current)
        {
            return ctx.NotFound();
        }
        return Validate(ctx, patch) ?? LongRunningPatch(ctx, current, patch);
    }

    protected override EmulatorResult? Validate(ArmRequestContext ctx, JsonObject patch)
    {
        var properties = patch["properties"];
        if (PublicAccessAndIpListProblem(properties, ["Enabled", "Disabled"], "inboundIpRules", rule => JsonText.Of(rule?["ipMask"])) is { } problem)
        {
            return BadRequest(problem);
        }
        var action = JsonText.Items(properties, "inboundIpRules")!.Select(rule => rule?["action"]).FirstOrDefault(a => a is not null && !JsonText.IsOneOf(a, "Allow"));
        return action is null
            ? null
            : BadRequest($"The inbound IP rule action '{action.ToJsonString()}' is not supported. The only supported action is 'Allow'.");
    }

    private static EmulatorResult BadRequest(string message) => ArmErrors.Error(400, "BadRequest", message);
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Search/searchServices (search.json 2023-11-01): GET, list by group and subscription, synchronous PATCH
/// (Services_Update, 200 with the whole service; networkRuleSet.ipRules replaced whole). publicNetworkAccess is the
/// lower-case enum "enabled"|"disabled" (not modelAsString); ipRules values are IPv4 addresses or CIDR blocks. IP rules on
/// the free tier → 400 (learn.microsoft.com/azure/search/service-configure-firewall: Basic tier or higher) [inf: code].
/// Errors use the spec's CloudError {error:{code,message}}.
/// </summary>
public sealed class SearchServiceHandler : PatchableResourceHandler
{
    public override string ResourceType => "Microsoft.Search/searchServices";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2023-11-01"];

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["tags"] ??= new JsonObject();
        body["sku"] ??= new JsonObject { ["name"] = "basic" };
        var properties = Properties(body);
        properties["replicaCount"] ??= 1;
        properties["partitionCount"] ??= 1;
        properties["hostingMode"] ??= "default";
        properties["status"] ??= "running";
        properties["statusDetails"] ??= "";
        properties["provisioningState"] ??= "succeeded";
        properties["publicNetworkAccess"] ??= "enabled";
        properties["networkRuleSet"] ??= new JsonObject { ["ipRules"] = new JsonArray() };
        return body;
    }

    protected override EmulatorResult? Validate(ArmRequestContext ctx, JsonObject patch)
    {
        var properties = patch["properties"];
        if (properties?["publicNetworkAccess"] is { } access && !JsonText.IsOneOf(access, "enabled", "disabled"))
        {
            return BadRequest($"Invalid value '{access.ToJsonString()}' for publicNetworkAccess. Allowed values are 'enabled' and 'disabled'.");
        }
        if (JsonText.Items(properties?["networkRuleSet"], "ipRules") is not { } rules)
        {
            return BadRequest("The property 'networkRuleSet.ipRules' must be an array.");
        }
        foreach (var rule in rules)
        {
            if (Ipv4Block.Parse(JsonText.Of(rule?["value"])) is null)
            {
                return BadRequest($"The IP rule '{JsonText.Of(rule?["value"])}' is not a valid IPv4 address or CIDR range.");
            }
        }
        var sku = JsonText.Of(ctx.Store.Get(ctx.ResourceId)?.Body["sku"]?["name"]);
        return rules.Count > 0 && sku == "free"
            ? BadRequest("IP rules are not supported on the free tier. Use the Basic tier or higher.")
            : null;
    }

    private static EmulatorResult BadRequest(string message) => ArmErrors.Error(400, "InvalidRequestParameterWithDetails", message);
}

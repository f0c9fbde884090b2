using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.ContainerRegistry/registries (containerregistry.json, 2023-07-01): GET/list; PATCH (Registries_Update) is
/// declared an LRO but live Azure answers a network rule write synchronously, 200 with provisioningState Succeeded and the
/// new rules (acr/test_acr_network_rule.yaml · 15, 18, 22, 25, 28); applied as merge-patch, so networkRuleSet.ipRules
/// is replaced wholesale and a PATCH with only defaultAction keeps them (· 22). networkRuleSet.defaultAction is required; IP rules take IPv4 addresses/CIDRs and need Premium.
/// The spec declares no error response for the update, so refusals surface as a Failed operation, not a 400.
/// </summary>
public sealed class ContainerRegistryHandler : ArmResourceHandler
{
    private static readonly string[] DefaultActions = ["Allow", "Deny"];

    public override string ResourceType => "Microsoft.ContainerRegistry/registries";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2023-07-01", "2022-02-01-preview", "2021-08-01-preview"]; // the two previews: the Azure CLI 2.45

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        if (body["sku"] is JsonObject sku)
        {
            sku["tier"] = sku["name"]?.DeepClone();
        }
        var properties = Properties(body);
        properties["loginServer"] ??= $"{((string?)body["name"])?.ToLowerInvariant()}.azurecr.io";
        properties["provisioningState"] ??= "Succeeded";
        properties["adminUserEnabled"] ??= false;
        properties["networkRuleSet"] ??= new JsonObject { ["defaultAction"] = "Allow", ["ipRules"] = new JsonArray() };
        // A virtual network rule sent without an action reads back with "Allow" (acr/test_acr_network_rule.yaml · 15).
        foreach (var rule in properties["networkRuleSet"]?["virtualNetworkRules"] as JsonArray ?? [])
        {
            if (rule is JsonObject vnetRule)
            {
                vnetRule["action"] ??= "Allow";
            }
        }
        properties["publicNetworkAccess"] ??= "Enabled";
        properties["networkRuleBypassOptions"] ??= "AzureServices";
        return body;
    }

    protected override async Task<IResult?> PatchAsync(ArmRequestContext ctx)
    {
        var patch = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (ctx.Store.Get(ctx.ResourceId) is not { } current)
        {
            return ctx.NotFound();
        }
        var merged = (JsonObject)current.Body.DeepClone();
        JsonMergePatch.Apply(merged, Writable(patch));
        if (Problem(patch, merged) is { } problem)
        {
            // Registries_Update declares no error response: the RP accepts the request and fails the operation.
            var unchanged = Present(current);
            Properties(unchanged)["provisioningState"] = "Updating";
            return ctx.LongRunning(200, unchanged, complete: null, location: (string?)merged["location"],
                error: new JsonObject { ["code"] = problem.Code, ["message"] = problem.Message });
        }
        Properties(merged)["provisioningState"] = "Succeeded";
        var (_, stored) = ctx.Store.Put(ctx.ResourceId, merged);
        return Respond(200, stored!);
    }

    /// <summary>Only the updatable parts of RegistryUpdateParameters; read-only fields sent back are ignored, as ARM does.</summary>
    private static JsonObject Writable(JsonObject patch)
    {
        var result = new JsonObject();
        foreach (var name in new[] { "tags", "sku", "identity" })
        {
            if (patch.ContainsKey(name))
            {
                result[name] = patch[name]?.DeepClone();
            }
        }
        if (patch["properties"] is JsonObject properties)
        {
            var writable = new JsonObject();
            foreach (var name in new[] { "adminUserEnabled", "networkRuleSet", "policies", "encryption", "dataEndpointEnabled", "publicNetworkAccess", "networkRuleBypassOptions" })
            {
                if (properties.ContainsKey(name))
                {
                    writable[name] = properties[name]?.DeepClone();
                }
            }
            result["properties"] = writable;
        }
        return result;
    }

    /// <summary>Why the service refuses the update, or null. defaultAction is required in the rule set as sent.</summary>
    private static (string Code, string Message)? Problem(JsonObject patch, JsonObject registry)
    {
        if (registry["properties"]?["networkRuleSet"] is not JsonObject ruleSet)
        {
            return null;
        }
        var sent = patch["properties"]?["networkRuleSet"] as JsonObject;
        var action = JsonText.Of(ruleSet["defaultAction"]);
        if ((sent is not null && sent["defaultAction"] is null) || !DefaultActions.Contains(action))
        {
            return ("InvalidNetworkRuleSetDefaultAction", "The networkRuleSet.defaultAction is required and must be 'Allow' or 'Deny'.");
        }
        var rules = ruleSet["ipRules"] as JsonArray ?? [];
        foreach (var rule in rules)
        {
            var value = JsonText.Of(rule?["value"]);
            if (Ipv4Block.Parse(value) is null)
            {
                return ("InvalidIpRule", $"The IP rule value '{value}' is not a valid IPv4 address or CIDR range. Only IPv4 is supported.");
            }
            if (rule!["action"] is { } ruleAction && (string?)ruleAction != "Allow")
            {
                return ("InvalidIpRuleAction", $"The IP rule action '{ruleAction}' is not supported. The only supported action is 'Allow'.");
            }
        }
        // learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks: Premium only [inf: code].
        var sku = (string?)registry["sku"]?["name"];
        return (rules.Count > 0 || action == "Deny") && !string.Equals(sku, "Premium", StringComparison.OrdinalIgnoreCase)
            ? ("NetworkRuleNotSupported", $"Network rules are not supported for the SKU {sku}. For more information, please visit https://aka.ms/acr/firewall.")
            : null;
    }
}

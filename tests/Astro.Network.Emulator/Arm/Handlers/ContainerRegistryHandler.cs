using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.ContainerRegistry/registries (containerregistry.json, 2023-07-01): GET/list; PATCH (Registries_Update) is an
/// LRO (200 + Azure-AsyncOperation, final-state-via azure-async-operation) applied as merge-patch, so networkRuleSet.ipRules
/// is replaced wholesale. networkRuleSet.defaultAction is required; IP rules take IPv4 addresses/CIDRs and need Premium.
/// </summary>
public sealed class ContainerRegistryHandler : ArmResourceHandler
{
    private static readonly string[] DefaultActions = ["Allow", "Deny"];

    public override string ResourceType => "Microsoft.ContainerRegistry/registries";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2023-07-01"];

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
        // defaultAction is required in the NetworkRuleSet the client sends, not only after merging.
        if (patch["properties"]?["networkRuleSet"] is JsonObject sent && sent["defaultAction"] is null)
        {
            throw Invalid(ctx, "InvalidNetworkRuleSetDefaultAction", "The networkRuleSet.defaultAction is required and must be 'Allow' or 'Deny'.");
        }
        var merged = (JsonObject)current.Body.DeepClone();
        JsonMergePatch.Apply(merged, Writable(patch));
        Validate(ctx, merged);
        Properties(merged)["provisioningState"] = "Updating";
        var (_, stored) = ctx.Store.Put(ctx.ResourceId, merged);
        return ctx.LongRunning(200, Present(stored!),
            complete: () => ctx.Store.Update(ctx.ResourceId, b => Properties(b)["provisioningState"] = "Succeeded"),
            location: (string?)merged["location"]);
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

    private static void Validate(ArmRequestContext ctx, JsonObject registry)
    {
        if (registry["properties"]?["networkRuleSet"] is not JsonObject ruleSet)
        {
            return;
        }
        if (ruleSet["defaultAction"] is not JsonValue action || !DefaultActions.Contains((string?)action))
        {
            throw Invalid(ctx, "InvalidNetworkRuleSetDefaultAction", "The networkRuleSet.defaultAction is required and must be 'Allow' or 'Deny'.");
        }
        var rules = ruleSet["ipRules"] as JsonArray ?? [];
        foreach (var rule in rules)
        {
            var value = JsonText.Of(rule?["value"]);
            if (Ipv4Block.Parse(value) is null)
            {
                throw Invalid(ctx, "InvalidIpRule", $"The IP rule value '{value}' is not a valid IPv4 address or CIDR range. Only IPv4 is supported.");
            }
            if (rule!["action"] is { } ruleAction && (string?)ruleAction != "Allow")
            {
                throw Invalid(ctx, "InvalidIpRuleAction", $"The IP rule action '{ruleAction}' is not supported. The only supported action is 'Allow'.");
            }
        }
        var sku = (string?)registry["sku"]?["name"];
        if ((rules.Count > 0 || (string?)action == "Deny") && !string.Equals(sku, "Premium", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(ctx, "NetworkRuleNotSupported", $"Network rules are not supported for the SKU {sku}. For more information, please visit https://aka.ms/acr/firewall.");
        }
    }

    private static ArmRequestException Invalid(ArmRequestContext ctx, string code, string message) => new(ctx.Error(400, code, message));
}

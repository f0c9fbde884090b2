using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// {Microsoft.EventHub|Microsoft.ServiceBus}/namespaces/networkRuleSets: the singleton "default" (networkrulessets.json /
/// networksets.json). GET answers the service defaults until the first write; PUT is synchronous (200) and replaces the
/// whole properties object, so anything the client leaves out falls back to the defaults. No etag in these contracts.
/// </summary>
public sealed class NamespaceNetworkRuleSetHandler(string providerNamespace, string[] apiVersions, params string[] publicNetworkAccessValues)
    : ArmResourceHandler
{
    private const string Singleton = "default";
    private static readonly string[] DefaultActions = ["Allow", "Deny"];

    public override string ResourceType => providerNamespace + "/namespaces/networkRuleSets";
    public override IReadOnlyCollection<string> ApiVersions { get; } = apiVersions; // [0] the pinned spec; 2022-01-01-preview: the Azure CLI 2.45

    protected override IResult? GetAsync(ArmRequestContext ctx) =>
        IsSingleton(ctx) ? ctx.Ok(Present(Current(ctx))) : ctx.NotFound();

    protected override IResult? ListAsync(ArmRequestContext ctx) =>
        ctx.Page([Present(Current(ctx, ctx.Path.Owner + "/networkRuleSets/" + Singleton))]);

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        if (!IsSingleton(ctx))
        {
            return ctx.NotFound();
        }
        var body = await ctx.ReadJsonAsync() ?? new JsonObject();
        var properties = body["properties"] as JsonObject ?? new JsonObject();
        CheckSku(ctx, properties);
        Validate(ctx, properties);
        var stored = Defaults(ctx, ctx.ResourceId);
        JsonMergePatch.Apply(Properties(stored), properties);
        var (_, saved) = ctx.Store.Put(ctx.ResourceId, stored);
        return ctx.Ok(Present(saved!));
    }

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["type"] = $"{providerNamespace}/Namespaces/NetworkRuleSets";
        return body;
    }

    private static bool IsSingleton(ArmRequestContext ctx) => string.Equals(ctx.Path.Name, Singleton, StringComparison.OrdinalIgnoreCase);

    private StoredResource Current(ArmRequestContext ctx, string? id = null)
    {
        id ??= ctx.ResourceId;
        return ctx.Store.Get(id) ?? new StoredResource(id, Defaults(ctx, id), "");
    }

    /// <summary>What the service answers for a namespace whose firewall was never configured.</summary>
    private static JsonObject Defaults(ArmRequestContext ctx, string id) => new()
    {
        ["id"] = id,
        ["name"] = Singleton,
        ["location"] = ctx.Store.Get(ArmPath.Parse(id).Owner)?.Body["location"]?.DeepClone(),
        ["properties"] = new JsonObject
        {
            ["publicNetworkAccess"] = "Enabled",
            ["defaultAction"] = "Allow",
            ["virtualNetworkRules"] = new JsonArray(),
            ["ipRules"] = new JsonArray(),
            ["trustedServiceAccessEnabled"] = false,
        },
    };

    private static void CheckSku(ArmRequestContext ctx, JsonObject properties)
    {
        var sku = (string?)ctx.Store.Get(ctx.Path.Owner)?.Body["sku"]?["name"];
        var restricts = properties["ipRules"] is JsonArray { Count: > 0 } || properties["virtualNetworkRules"] is JsonArray { Count: > 0 }
            || (string?)properties["defaultAction"] == "Deny";
        // learn.microsoft.com/azure/event-hubs/event-hubs-ip-filtering (not in Basic) and service-bus-ip-filtering
        // (Standard supports IP rules) [inf: message].
        if (restricts && string.Equals(sku, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(ctx, "Network rule sets are not supported for namespaces of the Basic tier. Upgrade the namespace to Standard or Premium.");
        }
    }

    private void Validate(ArmRequestContext ctx, JsonObject properties)
    {
        if (properties["defaultAction"] is { } action && !DefaultActions.Contains((string?)action))
        {
            throw Invalid(ctx, $"The defaultAction '{action.ToJsonString()}' is invalid. Allowed values are 'Allow' and 'Deny'.");
        }
        if (properties["publicNetworkAccess"] is { } access && !publicNetworkAccessValues.Contains((string?)access))
        {
            throw Invalid(ctx, $"The publicNetworkAccess '{access.ToJsonString()}' is invalid. Allowed values are '{string.Join("', '", publicNetworkAccessValues)}'.");
        }
        foreach (var rule in properties["ipRules"] as JsonArray ?? [])
        {
            var mask = JsonText.Of(rule?["ipMask"]);
            if (Ipv4Block.Parse(mask) is null)
            {
                throw Invalid(ctx, $"The IP mask '{mask}' of an IP rule is not a valid IPv4 address or CIDR range.");
            }
            if (rule!["action"] is { } ruleAction && (string?)ruleAction != "Allow")
            {
                throw Invalid(ctx, $"The IP rule action '{ruleAction.ToJsonString()}' is invalid. The only allowed value is 'Allow'.");
            }
        }
    }

    // Event Hubs and Service Bus answer validation failures as 400 BadRequest with the reason in the message.
    private static ArmRequestException Invalid(ArmRequestContext ctx, string message) => new(ctx.Error(400, "BadRequest", message));
}

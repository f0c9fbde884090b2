using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Web/sites/config, name "web" (WebApps.json, 2023-12-01): GET, PATCH (merge, 200) and PUT (whole SiteConfig,
/// 200), all synchronous. GET appends the synthetic catch-all rule (ipAddress "Any", priority 2147483647, "Allow all" or
/// "Deny all") to ipSecurityRestrictions and scmIpSecurityRestrictions; it is not stored, and a write that sends it back
/// has it dropped, as the service does.
/// </summary>
public sealed class WebSiteConfigHandler : ArmResourceHandler
{
    private const string Web = "web";
    private const int CatchAllPriority = int.MaxValue;
    private static readonly string[] Actions = ["Allow", "Deny"];
    private static readonly string[] Tags = ["Default", "XffProxy", "ServiceTag"];

    /// <summary>Each restriction list and the property holding its default action.</summary>
    private static readonly (string List, string DefaultAction)[] RestrictionLists =
    [
        ("ipSecurityRestrictions", "ipSecurityRestrictionsDefaultAction"),
        ("scmIpSecurityRestrictions", "scmIpSecurityRestrictionsDefaultAction"),
    ];

    public override string ResourceType => "Microsoft.Web/sites/config";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2023-12-01", "2022-03-01"]; // 2022-03-01: the Azure CLI 2.45

    protected override IResult? GetAsync(ArmRequestContext ctx) =>
        IsWeb(ctx) ? ctx.Ok(Present(Current(ctx))) : ctx.NotFound();

    protected override IResult? ListAsync(ArmRequestContext ctx) =>
        ctx.Page([Present(Current(ctx, ctx.Path.Owner + "/config/" + Web))]);

    protected override Task<IResult?> PatchAsync(ArmRequestContext ctx) => WriteAsync(ctx, replace: false);

    protected override Task<IResult?> PutAsync(ArmRequestContext ctx) => WriteAsync(ctx, replace: true);

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["name"] = Web;
        body["type"] = "Microsoft.Web/sites/config";
        var properties = Properties(body);
        foreach (var (list, defaultAction) in RestrictionLists)
        {
            var rules = properties[list] as JsonArray ?? [];
            var action = (string?)properties[defaultAction] ?? (rules.Count > 0 ? "Deny" : "Allow");
            rules.Add(new JsonObject
            {
                ["ipAddress"] = "Any",
                ["action"] = action,
                ["priority"] = CatchAllPriority,
                ["name"] = $"{action} all",
                ["description"] = $"{action} all access",
            });
            properties[list] = rules;
            properties[defaultAction] = action;
        }
        properties["scmIpSecurityRestrictionsUseMain"] ??= false;
        return body;
    }

    private async Task<IResult?> WriteAsync(ArmRequestContext ctx, bool replace)
    {
        if (!IsWeb(ctx))
        {
            return ctx.NotFound();
        }
        var body = await ctx.ReadJsonAsync() ?? new JsonObject();
        var patch = body["properties"] as JsonObject ?? new JsonObject();
        foreach (var (list, defaultAction) in RestrictionLists)
        {
            DropCatchAll(patch[list]);
            ValidateRules(ctx, list, patch[list]);
            if (patch[defaultAction] is { } action && !Actions.Contains((string?)action))
            {
                throw Invalid(ctx, $"The {defaultAction} '{action.ToJsonString()}' is invalid. Allowed values are 'Allow' and 'Deny'.");
            }
        }
        if (!replace && ctx.Store.Get(ctx.ResourceId) is not null)
        {
            // Merge under the store lock so two PATCHes of different fields cannot lose each other.
            var (_, updated) = ctx.Store.Update(ctx.ResourceId, b => JsonMergePatch.Apply(Properties(b), patch));
            return ctx.Ok(Present(updated!));
        }
        var config = Defaults(ctx.ResourceId);
        JsonMergePatch.Apply(Properties(config), patch);
        var (_, stored) = ctx.Store.Put(ctx.ResourceId, config);
        return ctx.Ok(Present(stored!));
    }

    /// <summary>
    /// Clients that GET and write the list back send the catch-all row too; the service drops it and derives it again
    /// (recordings appservice/test_webapp_access_restriction_add.yaml interaction 9, _remove.yaml 9 and 11).
    /// </summary>
    private static void DropCatchAll(JsonNode? rules)
    {
        if (rules is not JsonArray array)
        {
            return;
        }
        foreach (var rule in array.Where(IsCatchAll).ToList())
        {
            array.Remove(rule);
        }
    }

    private static bool IsCatchAll(JsonNode? rule) =>
        rule is JsonObject item && (string?)item["ipAddress"] == "Any" && item["priority"] is JsonValue p && p.TryGetValue(out int priority) && priority == CatchAllPriority;

    private static void ValidateRules(ArmRequestContext ctx, string list, JsonNode? rules)
    {
        if (rules is null)
        {
            return;
        }
        if (rules is not JsonArray array)
        {
            throw Invalid(ctx, $"The {list} must be an array.");
        }
        foreach (var rule in array)
        {
            if (rule is not JsonObject item)
            {
                throw Invalid(ctx, $"Each entry of {list} must be an object.");
            }
            ValidateRule(ctx, list, item);
        }
    }

    private static void ValidateRule(ArmRequestContext ctx, string list, JsonObject rule)
    {
        if (rule["action"] is { } action && !Actions.Contains((string?)action, StringComparer.OrdinalIgnoreCase))
        {
            throw Invalid(ctx, $"{list}: action '{action.ToJsonString()}' is invalid. Allowed values are 'Allow' and 'Deny'.");
        }
        var tag = (string?)rule["tag"] ?? "Default";
        if (!Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
        {
            throw Invalid(ctx, $"{list}: tag '{tag}' is invalid. Allowed values are '{string.Join("', '", Tags)}'.");
        }
        if (rule["priority"] is JsonValue p && (!p.TryGetValue(out int priority) || priority < 1 || priority == CatchAllPriority))
        {
            throw Invalid(ctx, $"{list}: priority '{p.ToJsonString()}' is invalid.");
        }
        var address = (string?)rule["ipAddress"];
        var subnet = (string?)rule["vnetSubnetResourceId"];
        if ((address is null) == (subnet is null))
        {
            throw Invalid(ctx, $"{list}: each rule needs exactly one of ipAddress and vnetSubnetResourceId.");
        }
        if (address is null || tag.Equals("ServiceTag", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        // CIDR, comma-separated CIDRs, or a bare IPv4 address with subnetMask; "Any" is the synthetic catch-all, not an address.
        var mask = (string?)rule["subnetMask"];
        foreach (var part in address.Split(','))
        {
            var ok = IpText.IsAddressOrCidr(part, out var hasPrefix)
                && (hasPrefix ? mask is null : Ipv4Block.ParseAddress(part) is not null && Ipv4Block.ParseAddress(mask) is not null);
            if (!ok)
            {
                throw Invalid(ctx, $"{list}: IpAddress '{address}' is invalid. It must be in CIDR notation (such as 1.2.3.4/32), or an IPv4 address with a SubnetMask.");
            }
        }
    }

    private static bool IsWeb(ArmRequestContext ctx) => string.Equals(ctx.Path.Name, Web, StringComparison.OrdinalIgnoreCase);

    private static StoredResource Current(ArmRequestContext ctx, string? id = null)
    {
        id ??= ctx.ResourceId;
        return ctx.Store.Get(id) ?? new StoredResource(id, Defaults(id), "");
    }

    /// <summary>The SiteConfig of a site whose configuration was never written (only what the emulator needs).</summary>
    private static JsonObject Defaults(string id) => new()
    {
        ["id"] = id,
        ["name"] = Web,
        ["type"] = "Microsoft.Web/sites/config",
        ["properties"] = new JsonObject
        {
            ["numberOfWorkers"] = 1,
            ["netFrameworkVersion"] = "v4.0",
            ["http20Enabled"] = true,
            ["minTlsVersion"] = "1.2",
            ["ftpsState"] = "FtpsOnly",
            ["ipSecurityRestrictions"] = new JsonArray(),
            ["scmIpSecurityRestrictions"] = new JsonArray(),
            ["scmIpSecurityRestrictionsUseMain"] = false,
        },
    };

    // App Service reports invalid configuration as 400 BadRequest with the reason in the message.
    private static ArmRequestException Invalid(ArmRequestContext ctx, string message) => new(ctx.Error(400, "BadRequest", message));
}

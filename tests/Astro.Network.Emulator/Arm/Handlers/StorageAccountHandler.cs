using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Storage/storageAccounts (storage.json 2025-08-01, also 2023-05-01): GET, list by group and subscription, synchronous PATCH
/// (200 with the account). networkAcls is replaced as one unit (absent fields reset to their defaults), so a client
/// must send the whole object. IP rules: public IPv4 only, no /31 or /32 (a single host is written bare).
/// </summary>
public sealed class StorageAccountHandler : PatchableResourceHandler
{
    private static readonly string[] BypassValues = ["None", "Logging", "Metrics", "AzureServices"];

    public override string ResourceType => "Microsoft.Storage/storageAccounts";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2025-08-01", "2023-05-01", "2022-09-01"]; // 2022-09-01: the Azure CLI 2.45

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["networkAcls"] ??= DefaultAcls();
        // Live Azure answers ipv6Rules: [] also at 2023-05-01 (recording storage/test_storage_account_service_endpoints.yaml 6, 7).
        if (properties["networkAcls"] is JsonObject acls) acls["ipv6Rules"] ??= new JsonArray();
        // A VNet rule reads back with state Succeeded (recording storage/test_storage_account_service_endpoints.yaml · 28-33).
        foreach (var rule in (properties["networkAcls"]?["virtualNetworkRules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            rule["state"] ??= "Succeeded";
        }
        return body;
    }

    protected override EmulatorResult? Validate(ArmRequestContext ctx, JsonObject patch)
    {
        if (patch["properties"]?["networkAcls"] is not { } node)
        {
            return null;
        }
        if (node is not JsonObject acls)
        {
            return Invalid("networkAcls");
        }
        if (DefaultAction(acls) is null)
        {
            return Invalid("networkAcls.defaultAction");
        }
        if (acls["bypass"] is { } bypass && !IsBypassList(bypass))
        {
            return Invalid("networkAcls.bypass");
        }
        if (JsonText.Items(acls, "ipRules") is not { } ipRules || ipRules.Any(r => !IsAcceptedIpRule(r)))
        {
            return Invalid("networkAcls.ipRule[*].value");
        }
        if (acls["ipv6Rules"] is { } && (JsonText.Items(acls, "ipv6Rules") is not { } ipv6Rules || ipv6Rules.Any(r => !IsAcceptedIpv6Rule(r))))
        {
            return Invalid("networkAcls.ipv6Rules[*].value");
        }
        if (JsonText.Items(acls, "virtualNetworkRules") is not { } vnetRules || vnetRules.Any(r => r?["id"] is not JsonValue))
        {
            return Invalid("networkAcls.virtualNetworkRules[*].id");
        }
        return null;
    }

    protected override void ApplyPatch(JsonObject body, JsonObject patch)
    {
        base.ApplyPatch(body, patch);
        ReplaceNetworkAcls(body, patch, DefaultAcls());
        if (Properties(body)["networkAcls"] is JsonObject acls && DefaultAction(acls) is { } action)
        {
            acls["defaultAction"] = action;
        }
    }

    /// <summary>defaultAction in its canonical case: live Azure takes "deny" and answers "Deny"
    /// (storage/test_storage_account_service_endpoints.yaml · 8).</summary>
    private static string? DefaultAction(JsonObject acls) =>
        new[] { "Allow", "Deny" }.FirstOrDefault(a => a.Equals(JsonText.Of(acls["defaultAction"]), StringComparison.OrdinalIgnoreCase));

    private static bool IsAcceptedIpRule(JsonNode? rule)
    {
        if (rule is not JsonObject item || (item["action"] is { } action && !JsonText.IsOneOf(action, "Allow")))
        {
            return false;
        }
        var block = Ipv4Block.Parse(JsonText.Of(item["value"]));
        return block is { } b && !b.IsPrivate && !(b.HasPrefix && b.Prefix >= 31);
    }

    /// <summary>ipv6Rules (storage.json 2025-08-01, azure-specs §10.1): IPRule items whose value is an IPv6 address or prefix.</summary>
    private static bool IsAcceptedIpv6Rule(JsonNode? rule) =>
        rule is JsonObject item && (item["action"] is not { } action || JsonText.IsOneOf(action, "Allow"))
        && JsonText.Of(item["value"]) is { } value && value.Contains(':')
        && (System.Net.IPAddress.TryParse(value, out _) || System.Net.IPNetwork.TryParse(value, out _));

    private static bool IsBypassList(JsonNode bypass) =>
        bypass is JsonValue v && v.TryGetValue<string>(out var text)
        && text.Split(',').Select(s => s.Trim()).All(s => BypassValues.Contains(s, StringComparer.Ordinal));

    private static JsonObject DefaultAcls() => new()
    {
        ["bypass"] = "AzureServices",
        ["virtualNetworkRules"] = new JsonArray(),
        ["ipRules"] = new JsonArray(),
        ["ipv6Rules"] = new JsonArray(),   // a PATCH whose networkAcls lacks it resets it, as a client of an older api-version causes
        ["defaultAction"] = "Allow",
    };

    private static EmulatorResult Invalid(string field) =>
        ArmErrors.Error(400, "InvalidValuesForRequestParameters",
            $"Values for request parameters are invalid: {field}. For more information, see - https://aka.ms/storagenetworkruleset");
}

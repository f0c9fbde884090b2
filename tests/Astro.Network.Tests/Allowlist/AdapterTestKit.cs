using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Tests.Allowlist;

/// <summary>Resource IDs and a one-call Add/Remove/Sync against the fake, for adapter tests.</summary>
internal static class AdapterTestKit
{
    public const string Sub = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg1/providers/";

    public static string Id(string typeAndName) => Sub + typeAndName;

    public static Task<AllowlistChange> Run(FakeArmClient arm, string resourceId, AllowlistOperation op, string[] ips,
        FirewallOptions? options = null, bool whatIf = false, string[]? alsoOwned = null, bool force = false) =>
        new AllowlistService(arm).ChangeAsync(new AllowlistRequest
        {
            ResourceId = resourceId,
            Operation = op,
            IpAddresses = ips,
            AlsoOwned = alsoOwned ?? Array.Empty<string>(),
            Options = options ?? new FirewallOptions(),
            WhatIf = whatIf,
            Force = force,
        }, CancellationToken.None);

    public static string? Text(JsonNode? node) => node?.GetValue<string>();

    /// <summary>An Event Hubs or Service Bus namespace (Premium) whose networkRuleSets/default is the spec example, edited first.</summary>
    public static (string Id, string RuleSet, JsonObject Doc) SeedNamespace(FakeArmClient arm, string typeAndName, string example, Action<JsonNode>? editProperties = null)
    {
        var id = Id(typeAndName);
        var ruleSet = id + "/networkRuleSets/default";
        var doc = SpecExamples.ResponseBody(example);
        editProperties?.Invoke(doc["properties"]!);
        arm.Seed(ruleSet, doc);
        arm.Seed(id, new JsonObject { ["sku"] = new JsonObject { ["name"] = "Premium", ["tier"] = "Premium" } });
        return (id, ruleSet, doc);
    }
}

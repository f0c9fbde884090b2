using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Network security groups: one inbound Allow rule per destination port ("astro-allow" or "astro-allow-443")
    /// whose sourceAddressPrefixes are the entries. Written by PUT of that rule only (If-Match its etag); the rule is
    /// deleted when its last prefix goes. A new rule takes the requested or the lowest free inbound priority
    /// (100-4096, unique per direction).
    /// </summary>
    internal sealed class NetworkSecurityGroupAdapter : IFirewallAdapter
    {
        private const int MinPriority = 100;
        private const int MaxPriority = 4096;

        public string ResourceType => "Microsoft.Network/networkSecurityGroups";
        public string ApiVersion => ApiVersions.Network;
        public AllowlistCapabilities Capabilities { get; } = new AllowlistCapabilities { SupportsIPv6 = true, NamesEntries = true };

        public async Task<FirewallSnapshot> ReadAsync(IArmJsonClient arm, ArmResourceId resource, FirewallOptions options, CancellationToken ct)
        {
            var group = await arm.GetAsync(resource.Id, ApiVersion, ct).ConfigureAwait(false)
                ?? throw AllowlistErrors.ResourceNotFound(resource.Id);
            var ruleName = AstroRuleNaming.NsgRuleName(options);
            var rule = FindRule(group.Body, ruleName);
            var entries = new List<FirewallEntry>();
            if (rule != null)
            {
                var properties = rule["properties"];
                if (properties?["sourceAddressPrefixes"] is JsonArray prefixes)
                {
                    entries.AddRange(prefixes.Where(p => p != null).Select(p => FirewallEntry.FromText(JsonNodes.Text(p), ruleName, p!)));
                }

                var single = JsonNodes.Text(properties, "sourceAddressPrefix");
                if (!string.IsNullOrEmpty(single))
                {
                    entries.Add(FirewallEntry.FromText(single, ruleName, JsonValue.Create(single)!));
                }
            }

            return new FirewallSnapshot(resource, entries, group.Body, JsonNodes.Text(rule, "etag"));
        }

        public FirewallEntry CreateEntry(IpRange range, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            FirewallEntry.FromText(range.ToString(), AstroRuleNaming.NsgRuleName(options), JsonValue.Create(range.ToString())!, isNew: true);

        public async Task WriteAsync(IArmJsonClient arm, FirewallSnapshot before, AllowlistPlan plan, FirewallOptions options, CancellationToken ct)
        {
            var ruleName = AstroRuleNaming.NsgRuleName(options);
            var path = before.Resource.Id + "/securityRules/" + Uri.EscapeDataString(ruleName);
            var existing = FindRule(before.Document, ruleName);
            if (plan.EntriesAfter.Count == 0)
            {
                if (existing != null)
                {
                    await arm.DeleteAsync(path, ApiVersion, ct).ConfigureAwait(false);
                }

                return;
            }

            var body = BuildRuleBody(before.Document, existing, plan.EntriesAfter, options);
            await arm.PutAsync(path, ApiVersion, body, existing == null ? null : before.ETag, ct).ConfigureAwait(false);
        }

        /// <summary>The rule PUT body: the existing rule with its prefixes replaced, or a new inbound Allow rule.</summary>
        internal static JsonObject BuildRuleBody(JsonObject group, JsonObject? existing, IReadOnlyList<FirewallEntry> entries, FirewallOptions options)
        {
            var prefixes = new JsonArray(entries.Select(e => e.Item.DeepClone()).ToArray());
            if (existing?["properties"] is JsonObject current)
            {
                var properties = (JsonObject)current.DeepClone();
                properties.Remove("provisioningState");
                properties.Remove("sourceAddressPrefix");
                properties["sourceAddressPrefixes"] = prefixes;
                return new JsonObject { ["properties"] = properties };
            }

            return new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["description"] = AstroRuleNaming.Description,
                    ["protocol"] = options.Protocol,
                    ["sourcePortRange"] = "*",
                    ["destinationPortRange"] = options.Port ?? "*",
                    ["sourceAddressPrefixes"] = prefixes,
                    ["destinationAddressPrefix"] = "*",
                    ["access"] = "Allow",
                    ["priority"] = PickPriority(group, options),
                    ["direction"] = "Inbound",
                },
            };
        }

        private static int PickPriority(JsonObject group, FirewallOptions options)
        {
            var used = new HashSet<int>(Rules(group)
                .Where(r => string.Equals(JsonNodes.Text(r["properties"], "direction"), "Inbound", StringComparison.OrdinalIgnoreCase))
                .Select(r => r["properties"]?["priority"])
                .OfType<JsonValue>()
                .Select(v => v.TryGetValue(out int p) ? p : -1));
            if (options.Priority is int asked)
            {
                if (asked < MinPriority || asked > MaxPriority)
                {
                    throw AllowlistErrors.InvalidOption("InvalidPriority", $"NSG priority {asked} must be between {MinPriority} and {MaxPriority}.", asked);
                }

                return used.Contains(asked)
                    ? throw AllowlistErrors.InvalidOption("NsgPriorityInUse", $"Inbound priority {asked} is already used by another rule of this network security group.", asked)
                    : asked;
            }

            for (var p = MinPriority; p <= MaxPriority; p++)
            {
                if (!used.Contains(p))
                {
                    return p;
                }
            }

            throw AllowlistErrors.InvalidOption("NsgPriorityExhausted", "Every inbound priority 100-4096 of this network security group is in use.", null);
        }

        private static JsonObject? FindRule(JsonObject group, string name) =>
            Rules(group).FirstOrDefault(r => string.Equals(JsonNodes.Text(r, "name"), name, StringComparison.OrdinalIgnoreCase));

        private static IEnumerable<JsonObject> Rules(JsonObject group) =>
            (JsonNodes.At(group, new[] { "properties", "securityRules" }) as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>();

        public AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            AccessAssessment.InForce(snapshot.Resource);
    }
}

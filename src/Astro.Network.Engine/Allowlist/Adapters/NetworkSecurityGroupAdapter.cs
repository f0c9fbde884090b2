using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Network security groups: inbound Allow rules whose sourceAddressPrefixes are the entries, one per owner, destination
    /// port and address family ("astro-{owner}-allow-443", "…-443-ipv6"): the name records the owner, and Azure refuses
    /// IPv4 and IPv6 prefixes in one rule. Earlier versions' "astro-allow-443" rules are read as legacy.
    /// Writes need -Port (no every-port default). Each rule is written by PUT of that rule only (If-Match its etag) and
    /// deleted when its last prefix goes. A new rule takes the asked priority, else the lowest free inbound priority below
    /// (numerically after) every customer Deny rule it overlaps, so it never pre-empts one.
    /// </summary>
    internal sealed class NetworkSecurityGroupAdapter : IFirewallAdapter
    {
        private const int MinPriority = 100;
        private const int MaxPriority = 4096;

        public string ResourceType => "Microsoft.Network/networkSecurityGroups";
        public string ApiVersion => ApiVersions.Network;
        public AllowlistCapabilities Capabilities { get; } = new AllowlistCapabilities { SupportsIPv6 = true, NamesEntries = true, RequiresPort = true };

        public async Task<FirewallSnapshot> ReadAsync(IArmJsonClient arm, ArmResourceId resource, FirewallOptions options, CancellationToken ct)
        {
            var group = await arm.GetAsync(resource.Id, ApiVersion, ct).ConfigureAwait(false)
                ?? throw AllowlistErrors.ResourceNotFound(resource.Id);
            var entries = new List<FirewallEntry>();
            var warnings = new List<string>();
            foreach (var rule in Rules(group.Body))
            {
                var ruleName = JsonNodes.Text(rule, "name");
                var owner = AstroRuleNaming.NsgOwnerOfRule(ruleName, options, out _);
                if (owner == null)
                {
                    continue;
                }

                var properties = rule["properties"];
                entries.AddRange(JsonNodes.Strings(properties?["sourceAddressPrefixes"]).Select(p => FirewallEntry.FromText(p, ruleName, JsonValue.Create(p)!, owner: owner)));
                var single = JsonNodes.Text(properties, "sourceAddressPrefix");
                if (!string.IsNullOrEmpty(single))
                {
                    entries.Add(FirewallEntry.FromText(single, ruleName, JsonValue.Create(single)!, owner: owner));
                }

                var destination = JsonNodes.Text(properties, "destinationAddressPrefix");
                if (options.DestinationAddressPrefix != null && !string.Equals(destination, options.DestinationAddressPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    warnings.Add($"Rule '{ruleName}' keeps its destination '{destination}': -DestinationAddressPrefix applies when a rule is created.");
                }
            }

            return new FirewallSnapshot(resource, entries, group.Body, null, warnings);
        }

        public FirewallEntry CreateEntry(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options)
        {
            if (options.DestinationRange is { } destination && destination.IsIPv6 != range.IsIPv6)
            {
                throw AllowlistErrors.InvalidOption("NsgDestinationFamilyMismatch",
                    $"'{range}' and the destination '{destination}' are of different address families; Azure refuses such a rule. Give an IPv{(range.IsIPv6 ? 6 : 4)} destination, a service tag such as VirtualNetwork, or *.",
                    range.ToString());
            }

            return FirewallEntry.FromText(range.ToString(), AstroRuleNaming.NsgRuleName(owner, options, range.IsIPv6), JsonValue.Create(range.ToString())!, isNew: true, owner: owner);
        }

        public async Task WriteAsync(IArmJsonClient arm, FirewallSnapshot before, AllowlistPlan plan, FirewallOptions options, CancellationToken ct)
        {
            // Every body (and priority) is settled before the first request: a refusal leaves the group untouched.
            foreach (var write in PlanWrites(before.Resource, before.Document, before.Entries, plan.EntriesAfter, options))
            {
                var path = before.Resource.Id + "/securityRules/" + Uri.EscapeDataString(write.RuleName);
                if (write.Body == null)
                {
                    await arm.DeleteAsync(path, ApiVersion, ct).ConfigureAwait(false);
                }
                else
                {
                    try
                    {
                        await arm.PutAsync(path, ApiVersion, write.Body, write.IfMatch, ct).ConfigureAwait(false);
                    }
                    catch (AstroNetworkException ex) when (ex.Status == 404 && write.IfMatch != null)
                    {
                        // The rule went since our read (another writer removed its last prefix): a change under If-Match, so
                        // read and plan again, as on 412.
                        throw new AstroNetworkException("ArmConcurrentUpdate", FailureKind.InvalidOperation,
                            $"Rule '{write.RuleName}' of network security group '{before.Resource.Name}' was deleted since it was read.", before.Resource.Id) { Status = 412 };
                    }
                }
            }
        }

        /// <summary>The rule writes that turn <paramref name="entriesBefore"/> into <paramref name="entriesAfter"/>: a PUT body, or null to delete.</summary>
        internal static IReadOnlyList<RuleWrite> PlanWrites(ArmResourceId resource, JsonObject group, IReadOnlyList<FirewallEntry> entriesBefore,
            IReadOnlyList<FirewallEntry> entriesAfter, FirewallOptions options)
        {
            var writes = new List<RuleWrite>();
            var priorities = new PriorityPicker(resource, group, options);
            var ruleNames = entriesBefore.Concat(entriesAfter).Select(e => e.Name!).Distinct(StringComparer.OrdinalIgnoreCase);
            foreach (var ruleName in ruleNames)
            {
                var existing = FindRule(group, ruleName);
                var after = entriesAfter.Where(e => SameName(e.Name, ruleName)).ToList();
                var unchanged = new HashSet<string>(entriesBefore.Where(e => SameName(e.Name, ruleName)).Select(e => e.Value)).SetEquals(after.Select(e => e.Value));
                if (existing != null && unchanged)
                {
                    continue;
                }

                if (after.Count == 0)
                {
                    if (existing != null)
                    {
                        writes.Add(new RuleWrite(ruleName, null, null));
                    }

                    continue;
                }

                var prefixes = new JsonArray(after.Select(e => e.Item.DeepClone()).ToArray());
                var body = existing != null
                    ? UpdatedRule(existing, prefixes)
                    : NewRule(prefixes, options, after[0].Owners.FirstOrDefault() ?? EntryOwners.Manual, priorities.Next(after.Where(e => e.Range != null).Select(e => e.Range!).ToList()));
                writes.Add(new RuleWrite(ruleName, body, JsonNodes.Text(existing, "etag")));
            }

            return writes;
        }

        private static JsonObject UpdatedRule(JsonObject existing, JsonArray prefixes)
        {
            var properties = (JsonObject)existing["properties"]!.DeepClone();
            properties.Remove("provisioningState");
            properties.Remove("sourceAddressPrefix");
            properties["sourceAddressPrefixes"] = prefixes;
            return new JsonObject { ["properties"] = properties };
        }

        private static JsonObject NewRule(JsonArray prefixes, FirewallOptions options, string owner, int priority) => new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["description"] = AstroRuleNaming.Description(owner),
                ["protocol"] = options.Protocol,
                ["sourcePortRange"] = "*",
                ["destinationPortRange"] = options.Port ?? "*",
                ["sourceAddressPrefixes"] = prefixes,
                ["destinationAddressPrefix"] = options.DestinationAddressPrefix ?? FirewallOptions.DefaultDestination,
                ["access"] = "Allow",
                ["priority"] = priority,
                ["direction"] = "Inbound",
            },
        };

        private static bool SameName(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static JsonObject? FindRule(JsonObject group, string name) =>
            Rules(group).FirstOrDefault(r => SameName(JsonNodes.Text(r, "name"), name));

        internal static IEnumerable<JsonObject> Rules(JsonObject group) =>
            (JsonNodes.At(group, new[] { "properties", "securityRules" }) as JsonArray)?.OfType<JsonObject>() ?? Enumerable.Empty<JsonObject>();

        internal sealed class RuleWrite
        {
            public RuleWrite(string ruleName, JsonObject? body, string? ifMatch)
            {
                RuleName = ruleName;
                Body = body;
                IfMatch = ifMatch;
            }

            public string RuleName { get; }

            /// <summary>The rule PUT body; null deletes the rule.</summary>
            public JsonObject? Body { get; }

            public string? IfMatch { get; }
        }

        /// <summary>Priorities for the new rules of one write: inbound priorities are unique, so each pick is taken at once.</summary>
        private sealed class PriorityPicker
        {
            private readonly ArmResourceId _resource;
            private readonly JsonObject _group;
            private readonly FirewallOptions _options;
            private readonly HashSet<int> _used;
            private int? _explicitNext;

            public PriorityPicker(ArmResourceId resource, JsonObject group, FirewallOptions options)
            {
                _resource = resource;
                _group = group;
                _options = options;
                _used = new HashSet<int>(Rules(group).Where(IsInbound).Select(Priority).Where(p => p >= 0));
            }

            public int Next(IReadOnlyList<IpRange> sources)
            {
                var picked = _explicitNext == null && _options.Priority is int asked ? Asked(asked) : Free(sources);
                _used.Add(picked);
                return picked;
            }

            /// <summary>The asked priority for the first new rule; the second (other family) takes the next free one after it.</summary>
            private int Asked(int asked)
            {
                if (asked < MinPriority || asked > MaxPriority)
                {
                    throw AllowlistErrors.InvalidOption("InvalidPriority", $"NSG priority {asked} must be between {MinPriority} and {MaxPriority}.", asked);
                }

                if (_used.Contains(asked))
                {
                    throw AllowlistErrors.InvalidOption("NsgPriorityInUse", $"Inbound priority {asked} is already used by another rule of network security group '{_resource.Name}'.", asked);
                }

                _explicitNext = asked + 1;
                return asked;
            }

            private int Free(IReadOnlyList<IpRange> sources)
            {
                var blockers = _explicitNext == null
                    ? Rules(_group).Where(r => IsInbound(r) && IsDeny(r) && NsgRuleOverlap.Overlaps(r["properties"], sources, _options)).ToList()
                    : new List<JsonObject>();
                var floor = Math.Max(_explicitNext ?? MinPriority, blockers.Count == 0 ? MinPriority : blockers.Max(Priority) + 1);
                for (var p = floor; p <= MaxPriority; p++)
                {
                    if (!_used.Contains(p))
                    {
                        return p;
                    }
                }

                if (blockers.Count > 0)
                {
                    var names = string.Join(", ", blockers.Select(r => $"'{JsonNodes.Text(r, "name")}' ({Priority(r)})"));
                    throw AllowlistErrors.NotSupportedOnResource("NsgNoPriorityBelowDeny", _resource.Id,
                        $"Network security group '{_resource.Name}': the Astro rule must come after the Deny rule(s) {names} that cover the same traffic, and every inbound priority from {floor} to {MaxPriority} is in use. Nothing was written; pass -Priority to place the rule yourself.");
                }

                throw AllowlistErrors.InvalidOption("NsgPriorityExhausted", $"Every inbound priority {floor}-{MaxPriority} of network security group '{_resource.Name}' is in use.", _resource.Id);
            }

            private static bool IsInbound(JsonObject rule) =>
                string.Equals(JsonNodes.Text(rule["properties"], "direction"), "Inbound", StringComparison.OrdinalIgnoreCase);

            private static bool IsDeny(JsonObject rule) =>
                string.Equals(JsonNodes.Text(rule["properties"], "access"), "Deny", StringComparison.OrdinalIgnoreCase);

            private static int Priority(JsonObject rule) =>
                rule["properties"]?["priority"] is JsonValue v && v.TryGetValue(out int p) ? p : -1;
        }

        public AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            AccessAssessment.InForce(snapshot.Resource);
    }
}

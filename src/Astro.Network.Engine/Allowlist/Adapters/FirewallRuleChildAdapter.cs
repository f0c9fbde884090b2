using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// The shared mechanism for servers whose firewall is a collection of named child resources
    /// {server}/firewallRules/{name} with an IPv4 start and end address (SQL, PostgreSQL and MySQL flexible, Synapse
    /// workspaces: startIpAddress/endIpAddress; Azure Cache for Redis: startIP/endIP).
    /// Each change is one PUT or DELETE of a deterministic "astro-{owner}-…" rule (the name records the owner), so other
    /// rules are never touched.
    /// Never PUT the collection itself: on SQL that replaces every rule.
    /// </summary>
    internal abstract class FirewallRuleChildAdapter : IFirewallAdapter
    {
        private readonly string _startField;
        private readonly string _endField;
        private readonly char _nameSeparator;

        /// <param name="nameSeparator">'-' ("astro-{owner}-{address}"), or '_' where rule names take no hyphen.</param>
        protected FirewallRuleChildAdapter(string resourceType, string apiVersion, string startField = "startIpAddress", string endField = "endIpAddress",
            char nameSeparator = '-')
        {
            ResourceType = resourceType;
            ApiVersion = apiVersion;
            _startField = startField;
            _endField = endField;
            _nameSeparator = nameSeparator;
        }

        public string ResourceType { get; }
        public string ApiVersion { get; }

        /// <summary>IPv4 only (the services' address pattern); names carry ownership; the server sees Astro's public egress.</summary>
        public AllowlistCapabilities Capabilities { get; } = new AllowlistCapabilities
        {
            NamesEntries = true,
            RejectedClasses = AllowlistCapabilities.PrivateClasses,
            RejectedClassesReason = AllowlistCapabilities.PublicEgressReason,
        };

        /// <summary>Ignored (public access Disabled) or in force; for services that accept rules while their public endpoint is off.</summary>
        protected static AccessAssessment PublicAccessOrInForce(FirewallSnapshot snapshot) =>
            AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, JsonNodes.Text(snapshot.Document["properties"], "publicNetworkAccess"), null)
            ?? AccessAssessment.InForce(snapshot.Resource);

        /// <summary>An empty rule list admits nobody; types override for the configurations in which Azure refuses rules.</summary>
        public virtual AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            AccessAssessment.InForce(snapshot.Resource);

        /// <summary>Flexible servers in private access (VNet-integrated) mode, or with public access off, take no firewall rules.</summary>
        protected static AccessAssessment FlexibleServerAccess(FirewallSnapshot snapshot)
        {
            var network = JsonNodes.At(snapshot.Document, new[] { "properties", "network" });
            if (!string.IsNullOrEmpty(JsonNodes.Text(network, "delegatedSubnetResourceId"))
                || string.Equals(JsonNodes.Text(network, "publicNetworkAccess"), "Disabled", System.StringComparison.OrdinalIgnoreCase))
            {
                return AccessAssessment.Refused("AllowlistPrivateAccessMode",
                    $"Server '{snapshot.Resource.Name}' uses private access (virtual network integration or public access disabled): it has no public endpoint and takes no firewall rules. Reach it over the virtual network (peering with Astro, or a private endpoint) instead.");
            }

            return AccessAssessment.InForce(snapshot.Resource);
        }

        public async Task<FirewallSnapshot> ReadAsync(IArmJsonClient arm, ArmResourceId resource, FirewallOptions options, CancellationToken ct)
        {
            var server = await arm.GetAsync(resource.Id, ApiVersion, ct).ConfigureAwait(false)
                ?? throw AllowlistErrors.ResourceNotFound(resource.Id);
            var rules = await arm.ListAsync(RulesPath(resource), ApiVersion, ct).ConfigureAwait(false);
            var entries = rules.Select(rule => FirewallEntry.FromStartEnd(
                JsonNodes.Text(rule["properties"], _startField),
                JsonNodes.Text(rule["properties"], _endField),
                RuleName(JsonNodes.Text(rule, "name")),
                rule,
                _nameSeparator)).ToList();
            return new FirewallSnapshot(resource, entries, server.Body, etag: null);
        }

        public FirewallEntry CreateEntry(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options)
        {
            var name = AstroRuleNaming.UniqueFor(range, owner, siblings.Select(s => s.Name), _nameSeparator);
            var (start, end) = range.ToIPv4StartEnd();
            var item = new JsonObject
            {
                ["name"] = name,
                ["properties"] = new JsonObject { [_startField] = start, [_endField] = end },
            };
            return new FirewallEntry(range.ToString(), range, null, name, item, isNew: true, new[] { owner });
        }

        public async Task WriteAsync(IArmJsonClient arm, FirewallSnapshot before, AllowlistPlan plan, FirewallOptions options, CancellationToken ct)
        {
            // Add before delete: a Sync never leaves a moment with neither the old nor the new address allowed.
            foreach (var entry in plan.AddedEntries)
            {
                var body = new JsonObject { ["properties"] = entry.Item["properties"]!.DeepClone() };
                await arm.PutAsync(RulePath(before.Resource, entry.Name!), ApiVersion, body, null, ct).ConfigureAwait(false);
            }

            foreach (var entry in plan.RemovedEntries)
            {
                await arm.DeleteAsync(RulePath(before.Resource, entry.Name!), ApiVersion, ct).ConfigureAwait(false);
            }
        }

        /// <summary>The rule's own name: Redis reads rules back named "{cache}/{rule}" (redis.json 2024-03-01 examples).</summary>
        private static string? RuleName(string? name) => name?.Substring(name.LastIndexOf('/') + 1);

        private static string RulesPath(ArmResourceId resource) => resource.Id + "/firewallRules";

        private static string RulePath(ArmResourceId resource, string name) => RulesPath(resource) + "/" + System.Uri.EscapeDataString(name);
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// The shared mechanism for servers whose firewall is a collection of named child resources
    /// {server}/firewallRules/{name} with {startIpAddress, endIpAddress} (SQL, PostgreSQL and MySQL flexible).
    /// Each change is one PUT or DELETE of a deterministic "astro-{owner}-…" rule (the name records the owner), so other
    /// rules are never touched.
    /// Never PUT the collection itself: on SQL that replaces every rule.
    /// </summary>
    internal abstract class FirewallRuleChildAdapter : IFirewallAdapter
    {
        protected FirewallRuleChildAdapter(string resourceType, string apiVersion)
        {
            ResourceType = resourceType;
            ApiVersion = apiVersion;
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
                JsonNodes.Text(rule["properties"], "startIpAddress"),
                JsonNodes.Text(rule["properties"], "endIpAddress"),
                JsonNodes.Text(rule, "name"),
                rule)).ToList();
            return new FirewallSnapshot(resource, entries, server.Body, etag: null);
        }

        public FirewallEntry CreateEntry(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options)
        {
            var name = AstroRuleNaming.UniqueFor(range, owner, siblings.Select(s => s.Name));
            var (start, end) = range.ToIPv4StartEnd();
            var item = new JsonObject
            {
                ["name"] = name,
                ["properties"] = new JsonObject { ["startIpAddress"] = start, ["endIpAddress"] = end },
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

        private static string RulesPath(ArmResourceId resource) => resource.Id + "/firewallRules";

        private static string RulePath(ArmResourceId resource, string name) => RulesPath(resource) + "/" + System.Uri.EscapeDataString(name);
    }
}

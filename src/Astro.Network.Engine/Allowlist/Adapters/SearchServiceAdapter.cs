using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Azure AI Search services: properties.networkRuleSet.ipRules [{value}] (IPv4 address or CIDR), written by a
    /// synchronous PATCH of the whole networkRuleSet (search.json 2023-11-01, Services_Update). publicNetworkAccess is
    /// lower-case there ("enabled"/"disabled"). Entries carry no name: the ownership record keeps their owners.
    /// </summary>
    internal sealed class SearchServiceAdapter : IpRuleListAdapter
    {
        private static readonly string[] Path = { "properties", "networkRuleSet", "ipRules" };

        public SearchServiceAdapter()
            : base("Microsoft.Search/searchServices", ApiVersions.Search, new AllowlistCapabilities
            {
                RejectedClasses = AllowlistCapabilities.PrivateClasses,
                RejectedClassesReason = AllowlistCapabilities.PublicEgressReason,
            }, Path, copyDepth: 2, writeWithPut: false)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) => ParseValueItem(item, "value");

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject { ["value"] = range.ToString() };

        /// <summary>
        /// learn.microsoft.com/azure/search/service-configure-firewall: IP rules need the Basic tier or higher; with no rule
        /// the service is reachable from all networks; the spec: rules apply only while publicNetworkAccess is "enabled".
        /// </summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context)
        {
            var sku = JsonNodes.Text(snapshot.Document["sku"], "name");
            if (string.Equals(sku, "free", System.StringComparison.OrdinalIgnoreCase))
            {
                return AccessAssessment.Refused("AllowlistSkuNotSupported",
                    $"Search service '{snapshot.Resource.Name}' is on the Free tier, which has no IP firewall: IP rules need the Basic tier or higher. Create the service on a billable tier (a tier cannot be changed in place).");
            }

            return AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, JsonNodes.Text(snapshot.Document["properties"], "publicNetworkAccess"), null)
                ?? (entries.Count == 0
                    ? AccessAssessment.EmptyMeansOpen(snapshot.Resource, "it has no IP rule, so it is reachable from all networks.")
                    : AccessAssessment.InForce(snapshot.Resource));
        }
    }
}

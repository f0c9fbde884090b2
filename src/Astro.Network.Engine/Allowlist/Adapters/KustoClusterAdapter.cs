using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Azure Data Explorer (Kusto) clusters: properties.allowedIpRangeList, an array of CIDR strings (kusto.json 2023-08-15),
    /// written by a long-running PATCH of the list only with If-Match on the cluster's etag (the spec declares If-Match on
    /// Clusters_Update; the etag changes on every update). Entries carry no name: the ownership record keeps their owners.
    /// </summary>
    internal sealed class KustoClusterAdapter : IpRuleListAdapter
    {
        public KustoClusterAdapter()
            : base("Microsoft.Kusto/clusters", ApiVersions.Kusto, new AllowlistCapabilities
            {
                RejectedClasses = AllowlistCapabilities.PrivateClasses,
                RejectedClassesReason = AllowlistCapabilities.PublicEgressReason,
            }, new[] { "properties", "allowedIpRangeList" }, copyDepth: 2, writeWithPut: false)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) =>
            FirewallEntry.FromText(item is JsonValue value && value.TryGetValue(out string? text) ? text : null, null, item);

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            JsonValue.Create(range.ToCidrString())!;

        /// <summary>
        /// Spec: publicNetworkAccess Disabled leaves only private endpoints; an empty list restricts nothing (shared/azure-specs
        /// README §9.3 [inf]), so the first entry closes the cluster to every other address.
        /// </summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, JsonNodes.Text(snapshot.Document["properties"], "publicNetworkAccess"), null)
            ?? (entries.Count == 0
                ? AccessAssessment.EmptyMeansOpen(snapshot.Resource, "its allowedIpRangeList is empty, so every public address may connect.")
                : AccessAssessment.InForce(snapshot.Resource));
    }
}

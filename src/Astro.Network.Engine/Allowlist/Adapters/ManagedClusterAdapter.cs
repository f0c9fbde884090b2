using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// AKS managed clusters: properties.apiServerAccessProfile.authorizedIPRanges (CIDR strings). PATCH only updates
    /// tags, so the write is a PUT of the cluster as read, minus the read-only fields (long-running). An empty list
    /// means the API server is open to everyone; private clusters do not support the list.
    /// </summary>
    internal sealed class ManagedClusterAdapter : IpRuleListAdapter
    {
        // Read-only in the 2024-02-01 ManagedCluster schema: the service (and oav) reject them in a PUT.
        // "*" walks every value of an object, "[]" every item of an array.
        private static readonly string[] ReadOnlyPaths =
        {
            "id", "name", "type", "systemData",
            "identity.principalId", "identity.tenantId",
            "identity.userAssignedIdentities.*.principalId", "identity.userAssignedIdentities.*.clientId",
            "properties.provisioningState", "properties.powerState", "properties.maxAgentPools", "properties.currentKubernetesVersion",
            "properties.fqdn", "properties.privateFQDN", "properties.azurePortalFQDN", "properties.resourceUID",
            "properties.agentPoolProfiles.[].currentOrchestratorVersion", "properties.agentPoolProfiles.[].nodeImageVersion",
            "properties.agentPoolProfiles.[].provisioningState", "properties.addonProfiles.*.identity",
            "properties.podIdentityProfile.userAssignedIdentities.[].provisioningState",
            "properties.podIdentityProfile.userAssignedIdentities.[].provisioningInfo",
            "properties.oidcIssuerProfile.issuerURL", "properties.privateLinkResources.[].privateLinkServiceID",
            "properties.ingressProfile.webAppRouting.identity",
        };

        public ManagedClusterAdapter()
            : base("Microsoft.ContainerService/managedClusters", ApiVersions.ContainerService, new AllowlistCapabilities
            {
                EmptyListMeansOpen = true,
            }, new[] { "properties", "apiServerAccessProfile", "authorizedIPRanges" }, copyDepth: 0, writeWithPut: true)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) => FirewallEntry.FromText(JsonNodes.Text(item), null, item);

        protected override JsonNode NewItem(IpRange range, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            JsonValue.Create(range.ToCidrString())!;

        protected override void PrepareBody(JsonObject body)
        {
            foreach (var path in ReadOnlyPaths)
            {
                RemovePath(body, path.Split('.'), 0);
            }
        }

        private static void RemovePath(JsonNode? node, string[] segments, int index)
        {
            if (index == segments.Length - 1)
            {
                (node as JsonObject)?.Remove(segments[index]);
                return;
            }

            IEnumerable<JsonNode?> next = segments[index] switch
            {
                "[]" => node as JsonArray ?? new JsonArray(),
                "*" => node is JsonObject all ? (IEnumerable<JsonNode?>)System.Linq.Enumerable.Select(all, p => p.Value) : new JsonNode?[0],
                _ => new[] { (node as JsonObject)?[segments[index]] },
            };
            foreach (var child in System.Linq.Enumerable.ToList(next))
            {
                RemovePath(child, segments, index + 1);
            }
        }

        /// <summary>
        /// Empty authorizedIPRanges: the API server admits everyone. A private cluster has no public endpoint and the service
        /// refuses the ranges (learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges), so the write is refused, not ignored.
        /// </summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context)
        {
            if (JsonNodes.IsTrue(JsonNodes.At(snapshot.Document, new[] { "properties", "apiServerAccessProfile", "enablePrivateCluster" })))
            {
                return AccessAssessment.Refused("AksPrivateClusterNotSupported",
                    $"Cluster '{snapshot.Resource.Name}' is a private cluster: its API server has no public endpoint and Azure refuses authorized IP ranges. Reach it from the cluster's virtual network instead.");
            }

            return base.Assess(snapshot, entries, context);
        }
    }
}

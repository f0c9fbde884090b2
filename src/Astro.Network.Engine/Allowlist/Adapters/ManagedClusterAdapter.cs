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
        private static readonly string[] ReadOnlyRoot = { "id", "name", "type", "systemData" };

        private static readonly string[] ReadOnlyProperties =
        {
            "provisioningState", "powerState", "maxAgentPools", "currentKubernetesVersion", "fqdn", "privateFQDN", "azurePortalFQDN", "resourceUID",
        };

        private static readonly string[] ReadOnlyAgentPool = { "currentOrchestratorVersion", "nodeImageVersion", "provisioningState" };

        public ManagedClusterAdapter()
            : base("Microsoft.ContainerService/managedClusters", ApiVersions.ContainerService, new AllowlistCapabilities
            {
                EmptyListMeansOpen = true,
            }, new[] { "properties", "apiServerAccessProfile", "authorizedIPRanges" }, copyDepth: 0, writeWithPut: true)
        {
        }

        protected override void CheckSupported(ArmResourceId resource, JsonObject document)
        {
            if (JsonNodes.IsTrue(JsonNodes.At(document, new[] { "properties", "apiServerAccessProfile", "enablePrivateCluster" })))
            {
                throw AllowlistErrors.NotSupportedOnResource("AksPrivateClusterNotSupported", resource.Id,
                    $"Cluster '{resource.Name}' is a private cluster: its API server has no public endpoint and no authorized IP ranges.");
            }
        }

        protected override FirewallEntry ParseItem(JsonNode item) => FirewallEntry.FromText(JsonNodes.Text(item), null, item);

        protected override JsonNode NewItem(IpRange range, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            JsonValue.Create(range.ToCidrString())!;

        protected override void PrepareBody(JsonObject body)
        {
            Remove(body, ReadOnlyRoot);
            if (body["properties"] is not JsonObject properties)
            {
                return;
            }

            Remove(properties, ReadOnlyProperties);
            if (properties["agentPoolProfiles"] is JsonArray pools)
            {
                foreach (var pool in pools)
                {
                    if (pool is JsonObject p)
                    {
                        Remove(p, ReadOnlyAgentPool);
                    }
                }
            }
        }

        private static void Remove(JsonObject target, IEnumerable<string> names)
        {
            foreach (var name in names)
            {
                target.Remove(name);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// AKS managed clusters: properties.apiServerAccessProfile.authorizedIPRanges (CIDR strings). PATCH only updates
    /// tags, so the write is a PUT of the cluster as read, minus the read-only fields (long-running), with If-Match on
    /// the cluster's eTag (2026-05-01; Learn "use-etags"): a change made by someone else since our read gives 412 and a
    /// fresh read-merge-write instead of being reverted. No write while the cluster is mid-operation or stopped. An
    /// empty list means the API server is open to everyone; private clusters do not support the list.
    /// </summary>
    internal sealed class ManagedClusterAdapter : IpRuleListAdapter
    {
        // Read-only in the 2026-05-01 ManagedCluster schema (and 2024-02-01's): the service (and oav) reject them in a
        // PUT; powerState too, so a write can never start or stop the cluster. "*" walks every value of an object, "[]"
        // every item of an array.
        private static readonly string[] ReadOnlyPaths =
        {
            "id", "name", "type", "systemData", "eTag", "properties.status",
            "properties.agentPoolProfiles.[].eTag", "properties.agentPoolProfiles.[].status",
            "properties.networkProfile.loadBalancerProfile.effectiveOutboundIPs", "properties.networkProfile.natGatewayProfile.effectiveOutboundIPs",
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
                RecordInDocument = true,
            }, new[] { "properties", "apiServerAccessProfile", "authorizedIPRanges" }, copyDepth: 0, writeWithPut: true)
        {
        }

        public override async Task<FirewallSnapshot> ReadAsync(IArmJsonClient arm, ArmResourceId resource, FirewallOptions options, CancellationToken ct)
        {
            var read = await base.ReadAsync(arm, resource, options, ct).ConfigureAwait(false);
            var warnings = read.Warnings.ToList();
            warnings.AddRange(await ManagedClusterEgress.WarningsAsync(arm, read.Document, read.Entries, ct).ConfigureAwait(false));
            var state = JsonNodes.Text(read.Document["properties"], "provisioningState");
            if (IsFailed(state))
            {
                warnings.Add($"Cluster '{resource.Name}' was in provisioningState {state}: the PUT that changes its authorized IP ranges also makes AKS reconcile it (as az aks update does).");
            }

            return new FirewallSnapshot(resource, read.Entries, read.Document, read.ETag, warnings, writeRefusal: Refusal(resource, read.Document));
        }

        /// <summary>
        /// Stopped: AKS updates nothing until it is started. Mid-operation: a PUT is refused (409 OperationNotAllowed) or
        /// races it. Failed or Canceled is no refusal: a PUT is how AKS recovers such a cluster, and the module itself
        /// starts over after a transiently failed operation of its own.
        /// </summary>
        private static WriteRefusal? Refusal(ArmResourceId resource, JsonObject document)
        {
            var properties = document["properties"];
            if (string.Equals(JsonNodes.Text(properties?["powerState"], "code"), "Stopped", StringComparison.OrdinalIgnoreCase))
            {
                return new WriteRefusal(AllowlistErrors.Busy("AksClusterStopped", resource.Id,
                    $"Cluster '{resource.Name}' is stopped: AKS does not update a stopped cluster. Start it (az aks start) and run the command again. Nothing was written."), transient: false);
            }

            var state = JsonNodes.Text(properties, "provisioningState") ?? "Succeeded";
            if (string.Equals(state, "Succeeded", StringComparison.OrdinalIgnoreCase) || IsFailed(state))
            {
                return null;
            }

            return new WriteRefusal(AllowlistErrors.Busy("AksClusterBusy", resource.Id,
                $"Cluster '{resource.Name}' is in provisioningState {state}: another operation is running. Run the command again once it has finished. Nothing was written."),
                transient: true);
        }

        private static bool IsFailed(string? state) =>
            string.Equals(state, "Failed", StringComparison.OrdinalIgnoreCase) || string.Equals(state, "Canceled", StringComparison.OrdinalIgnoreCase);

        protected override FirewallEntry ParseItem(JsonNode item) => FirewallEntry.FromText(JsonNodes.Text(item), null, item);

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
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

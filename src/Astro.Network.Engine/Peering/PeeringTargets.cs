using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.Peering
{
    /// <summary>Reads a customer VNet, its subscription's tenant and its peerings.</summary>
    internal sealed class PeeringTargets
    {
        private readonly PeeringContext context;

        public PeeringTargets(PeeringContext context)
        {
            this.context = context;
        }

        public Task<PeeringTarget> FindTargetAsync(string? subscriptionId, string resourceGroupName, string virtualNetworkName, CancellationToken ct)
        {
            var subscription = string.IsNullOrWhiteSpace(subscriptionId) ? context.Azure.SubscriptionId : subscriptionId!;
            return GetTargetAsync(VirtualNetworkIds.Compose(subscription, resourceGroupName, virtualNetworkName).Id, ct);
        }

        public async Task<PeeringTarget> GetTargetAsync(string virtualNetworkId, CancellationToken ct)
        {
            var ids = VirtualNetworkIds.Parse(virtualNetworkId);
            var arm = context.Azure.Arm;
            var subscription = (await arm.GetAsync(ids.SubscriptionScope, ApiVersions.Resources, false, ct).ConfigureAwait(false))!.Object;
            var vnet = (await arm.GetAsync(ids.Id, ApiVersions.Network, false, ct).ConfigureAwait(false))!.Object;
            var peerings = await ListPeeringsAsync(ids, null, ct).ConfigureAwait(false);
            return new PeeringTarget
            {
                TenantId = JsonNodes.Text(subscription, "tenantId") ?? context.Azure.Connection.TenantId,
                SubscriptionId = ids.SubscriptionId,
                ResourceGroupName = ids.ResourceGroupName,
                ResourceGroupId = ids.ResourceGroupId,
                VirtualNetworkId = ids.Id,
                VirtualNetworkName = JsonNodes.Text(vnet, "name") ?? ids.Name,
                Location = JsonNodes.Text(vnet, "location") ?? "",
                AddressPrefixes = Strings(JsonNodes.At(vnet, new[] { "properties", "addressSpace", "addressPrefixes" })),
                Peerings = peerings.ToArray(),
            };
        }

        /// <summary>The VNet's peerings; with a cluster, those whose remote space contains its range are marked.</summary>
        public async Task<IReadOnlyList<VnetPeering>> GetPeeringsAsync(string virtualNetworkId, string? clusterId, CancellationToken ct)
        {
            var ids = VirtualNetworkIds.Parse(virtualNetworkId);
            var cluster = string.IsNullOrWhiteSpace(clusterId)
                ? null
                : await new PeeringClusters(context.Astro, context.Log).GetAsync(clusterId!, ct).ConfigureAwait(false);
            return await ListPeeringsAsync(ids, cluster, ct).ConfigureAwait(false);
        }

        public async Task<IReadOnlyList<VnetPeering>> ListPeeringsAsync(VirtualNetworkIds ids, AstroCluster? cluster, CancellationToken ct)
        {
            var items = await context.Azure.Arm.ListAsync(ids.Id + "/virtualNetworkPeerings", ApiVersions.Network, ct).ConfigureAwait(false);
            var range = cluster == null ? null : AddressSpaces.ClusterRange(cluster);
            return items.Select(item => ToPeering(ids.Id, item, range == null ? null : cluster!.Id, range)).ToList();
        }

        private static VnetPeering ToPeering(string virtualNetworkId, JsonObject item, string? clusterId, IpRange? clusterRange)
        {
            var properties = item["properties"] as JsonObject;
            var remote = Strings(JsonNodes.At(properties, new[] { "remoteAddressSpace", "addressPrefixes" }));
            if (remote.Length == 0)
            {
                remote = Strings(JsonNodes.At(properties, new[] { "remoteVirtualNetworkAddressSpace", "addressPrefixes" }));
            }

            var isAstro = clusterRange != null && AddressSpaces.Contains(remote, clusterRange);
            return new VnetPeering
            {
                VirtualNetworkId = virtualNetworkId,
                Name = JsonNodes.Text(item, "name") ?? "",
                Id = JsonNodes.Text(item, "id") ?? "",
                PeeringState = JsonNodes.Text(properties, "peeringState") ?? "",
                PeeringSyncLevel = JsonNodes.Text(properties, "peeringSyncLevel") ?? "",
                ProvisioningState = JsonNodes.Text(properties, "provisioningState") ?? "",
                RemoteVirtualNetworkId = JsonNodes.Text(JsonNodes.At(properties, new[] { "remoteVirtualNetwork" }), "id") ?? "",
                RemoteAddressPrefixes = remote,
                IsAstroCluster = isAstro,
                ClusterId = isAstro ? clusterId : null,
            };
        }

        private static string[] Strings(JsonNode? node) => JsonNodes.Strings(node).Where(s => s.Length > 0).ToArray();
    }
}

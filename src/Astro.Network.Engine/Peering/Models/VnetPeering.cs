using System;

namespace Astro.Network
{
    /// <summary>One peering of a customer VNet (Get-/Wait-AstroVnetPeering).</summary>
    public sealed class VnetPeering
    {
        /// <summary>The local (customer) VNet the peering belongs to.</summary>
        public string VirtualNetworkId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Id { get; set; } = "";
        /// <summary>Initiated, Connected or Disconnected.</summary>
        public string PeeringState { get; set; } = "";
        /// <summary>FullyInSync, RemoteNotInSync, LocalNotInSync or LocalAndRemoteNotInSync.</summary>
        public string PeeringSyncLevel { get; set; } = "";
        public string ProvisioningState { get; set; } = "";
        public string RemoteVirtualNetworkId { get; set; } = "";
        public string[] RemoteAddressPrefixes { get; set; } = Array.Empty<string>();
        /// <summary>True when the remote address space contains the Astro cluster's vpcSubnetRange.</summary>
        public bool IsAstroCluster { get; set; }
        /// <summary>The Astro cluster's ID when <see cref="IsAstroCluster"/>.</summary>
        public string? ClusterId { get; set; }

        public override string ToString() =>
            $"{Name}: {PeeringState}/{PeeringSyncLevel} to {string.Join(", ", RemoteAddressPrefixes)}{(IsAstroCluster ? " (Astro cluster " + ClusterId + ")" : "")}";
    }
}

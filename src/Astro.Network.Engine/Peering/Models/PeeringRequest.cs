using System;

namespace Astro.Network
{
    /// <summary>What Astronomer support needs to create a VNet peering (New-AstroPeeringRequest).</summary>
    public sealed class PeeringRequest
    {
        public string ClusterId { get; set; } = "";
        public string ClusterName { get; set; } = "";
        public string ClusterRegion { get; set; } = "";
        public string VpcSubnetRange { get; set; } = "";
        public string TenantId { get; set; } = "";
        public string SubscriptionId { get; set; } = "";
        public string ResourceGroupName { get; set; } = "";
        public string ResourceGroupId { get; set; } = "";
        public string VirtualNetworkId { get; set; } = "";
        public string VirtualNetworkName { get; set; } = "";
        public string Location { get; set; } = "";
        public string[] AddressPrefixes { get; set; } = Array.Empty<string>();
        public string AstronomerAppId { get; set; } = "";
        /// <summary>Plain text to paste into the support ticket.</summary>
        public string TicketText { get; set; } = "";
        /// <summary>The same fields as indented camelCase JSON.</summary>
        public string Json { get; set; } = "";

        public override string ToString() => $"Peer {VirtualNetworkName} ({VirtualNetworkId}) with Astro cluster {ClusterName} ({ClusterId})";
    }
}

using System;

namespace Astro.Network
{
    /// <summary>A customer VNet to peer with an Astro cluster, with what Astronomer support asks for (Get-AstroPeeringTarget).</summary>
    public sealed class PeeringTarget
    {
        public string TenantId { get; set; } = "";
        public string SubscriptionId { get; set; } = "";
        public string ResourceGroupName { get; set; } = "";
        public string ResourceGroupId { get; set; } = "";
        public string VirtualNetworkId { get; set; } = "";
        public string VirtualNetworkName { get; set; } = "";
        public string Location { get; set; } = "";
        public string[] AddressPrefixes { get; set; } = Array.Empty<string>();
        public VnetPeering[] Peerings { get; set; } = Array.Empty<VnetPeering>();

        public override string ToString() =>
            $"{VirtualNetworkName} ({string.Join(", ", AddressPrefixes)}) in {ResourceGroupName}, subscription {SubscriptionId}, {Peerings.Length} peering(s)";
    }
}

namespace Astro.Network
{
    /// <summary>One readiness check for peering a VNet with an Astro cluster (Test-AstroPeeringReadiness).</summary>
    public sealed class PeeringReadinessCheck
    {
        public string ClusterId { get; set; } = "";
        public string VirtualNetworkId { get; set; } = "";
        /// <summary>ClusterType, AddressSpace, PeeredAddressSpace, RoleAssignmentPermission or ServicePrincipal.</summary>
        public string Check { get; set; } = "";
        /// <summary>The scope ID (RoleAssignmentPermission only).</summary>
        public string? Scope { get; set; }
        /// <summary>Passed, Failed, Warning or Skipped.</summary>
        public string Status { get; set; } = "";
        /// <summary>True for Passed and Warning: nothing here blocks the peering.</summary>
        public bool Passed { get; set; }
        public string Message { get; set; } = "";

        public override string ToString() => $"{Check}{(Scope == null ? "" : " at " + Scope)}: {Status}. {Message}";
    }
}

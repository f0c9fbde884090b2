namespace Astro.Network
{
    /// <summary>A role granted to Astronomer's service principal at one scope (Grant-AstroPeeringRole).</summary>
    public sealed class PeeringGrant
    {
        public string VirtualNetworkId { get; set; } = "";
        /// <summary>VirtualNetwork, ResourceGroup or Subscription.</summary>
        public string ScopeName { get; set; } = "";
        public string ScopeId { get; set; } = "";
        /// <summary>NetworkContributor or Custom.</summary>
        public string RoleMode { get; set; } = "";
        public string RoleName { get; set; } = "";
        public string RoleDefinitionId { get; set; } = "";
        public string? AssignmentId { get; set; }
        public string? AssignmentName { get; set; }
        /// <summary>The service principal's object ID (null when planning and it does not exist yet).</summary>
        public string? PrincipalId { get; set; }
        public string AppId { get; set; } = "";
        /// <summary>
        /// True when the assignment carries Astro.Network's ownership record (it created it): Remove-AstroPeeringRole deletes
        /// it once no other peering in progress needs it. False: it existed before (made by hand or another tool) and is kept.
        /// </summary>
        public bool ManagedByModule { get; set; }
        /// <summary>What to do with this assignment and when (it is temporary: Astronomer needs it only until the peering is up).</summary>
        public string NextStep { get; set; } = "";
        /// <summary>Created, AlreadyExisted or WouldCreate.</summary>
        public string Status { get; set; } = "";
        public bool Changed { get; set; }
        public bool WhatIf { get; set; }

        public override string ToString() => $"{RoleName} at {ScopeName} {ScopeId}: {Status}";
    }
}

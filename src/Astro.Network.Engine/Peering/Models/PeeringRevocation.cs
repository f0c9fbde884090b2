using System;

namespace Astro.Network
{
    /// <summary>The peering roles removed from Astronomer's service principal at one scope (Remove-AstroPeeringRole).</summary>
    public sealed class PeeringRevocation
    {
        public string VirtualNetworkId { get; set; } = "";
        public string ScopeName { get; set; } = "";
        public string ScopeId { get; set; } = "";
        public string? PrincipalId { get; set; }
        /// <summary>Removed, or (with WhatIf) that would be removed.</summary>
        public string[] RemovedAssignmentIds { get; set; } = Array.Empty<string>();
        public string[] RoleNames { get; set; } = Array.Empty<string>();
        /// <summary>Assignments of the peering roles at this scope that stay, with the reason for each in <see cref="KeptReasons"/>.</summary>
        public string[] KeptAssignmentIds { get; set; } = Array.Empty<string>();
        public string[] KeptReasons { get; set; } = Array.Empty<string>();
        /// <summary>Removed, WouldRemove, Kept (only assignments that stay) or NotPresent.</summary>
        public string Status { get; set; } = "";
        public bool Changed { get; set; }
        public bool WhatIf { get; set; }
        /// <summary>True when this call also deleted the custom role definition the module created.</summary>
        public bool RoleDefinitionDeleted { get; set; }

        public override string ToString() =>
            $"{ScopeName} {ScopeId}: {Status}{(RoleNames.Length == 0 ? "" : " (" + string.Join(", ", RoleNames) + ")")}{(RoleDefinitionDeleted ? ", role definition deleted" : "")}{(KeptReasons.Length == 0 ? "" : "; kept: " + string.Join("; ", KeptReasons))}";
    }
}

namespace Astro.Network
{
    /// <summary>One entry of a resource's IP allowlist, as Get-AstroAllowlist shows it.</summary>
    public sealed class AllowlistEntry
    {
        public string ResourceId { get; set; } = "";
        public string ResourceType { get; set; } = "";
        /// <summary>Canonical address or CIDR ("203.0.113.7", "203.0.113.0/24"), or the service's text for other entries.</summary>
        public string Value { get; set; } = "";
        /// <summary>Rule name where the service names entries.</summary>
        public string? Name { get; set; }
        /// <summary>Who the entry belongs to: an Astro Deployment or cluster ID, "manual", "legacy" (an earlier version's), several
        /// joined by ", " where two sources share it; null when the module did not make it.</summary>
        public string? Owner { get; set; }
        /// <summary>True when the module made the entry (Owner is set).</summary>
        public bool IsAstroOwned { get; set; }
        /// <summary>The entry's JSON as the service returned it.</summary>
        public string Raw { get; set; } = "";
        /// <summary>What the resource's firewall does as a whole (the same on every entry of a resource).</summary>
        public EffectiveAccess EffectiveAccess { get; set; }
        public string EffectiveAccessReason { get; set; } = "";

        public override string ToString() => Name == null ? Value : $"{Value} ({Name})";
    }
}

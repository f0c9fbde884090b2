namespace Astro.Network
{
    /// <summary>
    /// Whether a resource's firewall admits every given IP: an entry covering it counts (e.g. a /24), an open resource admits
    /// all; a resource that ignores or refuses its entries answers false (see EffectiveAccess and Reason).
    /// </summary>
    public sealed class AllowlistTestResult
    {
        public string ResourceId { get; set; } = "";
        public string ResourceType { get; set; } = "";
        public bool Allowed { get; set; }
        public string[] Missing { get; set; } = new string[0];
        public string[] Present { get; set; } = new string[0];
        /// <summary>Entries the tested Deployment or cluster owns at IPs it no longer reports (Sync-AstroAllowlist retires them).</summary>
        public string[] Stale { get; set; } = new string[0];
        /// <summary>Where the tested IPs came from (e.g. a Deployment ID), as the caller gave it.</summary>
        public string? Source { get; set; }
        public EffectiveAccess EffectiveAccess { get; set; }
        /// <summary>Why Allowed is what it is (e.g. public network access is disabled, so no listed address can reach it).</summary>
        public string Reason { get; set; } = "";

        public override string ToString() => Allowed
            ? $"Allowed: {string.Join(", ", Present)}"
            : $"Missing: {string.Join(", ", Missing)}";
    }
}

namespace Astro.Network
{
    /// <summary>What Add/Remove/Sync-AstroAllowlist did (or, with -WhatIf, would do) on one resource.</summary>
    public sealed class AllowlistChange
    {
        public string ResourceId { get; set; } = "";
        public string ResourceType { get; set; } = "";
        public string ResourceName { get; set; } = "";
        /// <summary>"Add", "Remove" or "Sync".</summary>
        public string Operation { get; set; } = "";
        public bool WhatIf { get; set; }
        /// <summary>True when the resource was written.</summary>
        public bool Changed { get; set; }
        public string[] Added { get; set; } = new string[0];
        public string[] AlreadyPresent { get; set; } = new string[0];
        public string[] Removed { get; set; } = new string[0];
        public string[] NotPresent { get; set; } = new string[0];
        /// <summary>Entries at the given IPs left in place, with why: another source's, a person's, or an earlier version's.</summary>
        public string[] Kept { get; set; } = new string[0];
        /// <summary>Entries that stay but gain or lose an owner in the ownership record ("203.0.113.7: also for {source}").</summary>
        public string[] OwnerChanges { get; set; } = new string[0];
        public string[] EntriesBefore { get; set; } = new string[0];
        /// <summary>As verified after the write; with -WhatIf, as planned.</summary>
        public string[] EntriesAfter { get; set; } = new string[0];
        public string[] Warnings { get; set; } = new string[0];
        /// <summary>What the firewall did for addresses before the change (Open: it admitted every address).</summary>
        public EffectiveAccess EffectiveAccessBefore { get; set; }
        /// <summary>What the firewall does after the change (as verified; with -WhatIf, as planned).</summary>
        public EffectiveAccess EffectiveAccess { get; set; }
        /// <summary>Stable id of the cause, e.g. AllowlistDefaultActionAllow.</summary>
        public string EffectiveAccessCause { get; set; } = "";
        public string EffectiveAccessReason { get; set; } = "";

        public override string ToString()
        {
            var verb = WhatIf ? "would" : Changed ? "did" : "no change:";
            return $"{ResourceName} ({ResourceType}) {Operation} {verb} +[{string.Join(", ", Added)}] -[{string.Join(", ", Removed)}]";
        }
    }
}

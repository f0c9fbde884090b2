using System.Collections.Generic;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>One Add/Remove/Sync on one resource; the cmdlet builds one per resource (concurrency comes from the caller).</summary>
    internal sealed class AllowlistRequest
    {
        public string ResourceId { get; set; } = "";
        public AllowlistOperation Operation { get; set; }

        /// <summary>Add/Remove: the IPs to add or remove. Sync: Astro's current IPs (the desired set).</summary>
        public IReadOnlyList<string> IpAddresses { get; set; } = new string[0];

        /// <summary>The owner each IP is for (same order as <see cref="IpAddresses"/>): a source ID or "manual"; missing ones are "manual".</summary>
        public IReadOnlyList<string> Owners { get; set; } = new string[0];

        /// <summary>Take over entries no source owns (record types) or written by an earlier version (named types).</summary>
        public bool AdoptExisting { get; set; }

        /// <summary>Remove: for every Astro source, not only the given one.</summary>
        public bool AnySource { get; set; }

        /// <summary>Sync: IPs passed explicitly as Astro's (e.g. previous egress IPs); removed unless in the desired set.</summary>
        public IReadOnlyList<string> AlsoOwned { get; set; } = new string[0];

        public FirewallOptions Options { get; set; } = FirewallOptions.Default;

        /// <summary>Write although the resource is open (the entries will close it) or ignores IP entries; warns instead of refusing.</summary>
        public bool Force { get; set; }

        public AccessContext Context { get; set; } = AccessContext.None;
        public bool WhatIf { get; set; }
    }
}

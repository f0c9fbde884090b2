namespace Astro.Network
{
    /// <summary>What Approve-/Deny-AstroPrivateEndpointConnection did (or, with -WhatIf, would do) to one connection.</summary>
    public sealed class PrivateEndpointConnectionChange
    {
        public string ResourceId { get; set; } = "";
        public string ResourceName { get; set; } = "";
        public string Name { get; set; } = "";
        public string Id { get; set; } = "";
        /// <summary>"Approve" or "Deny".</summary>
        public string Action { get; set; } = "";
        public string StatusBefore { get; set; } = "";
        /// <summary>As verified after the write; with -WhatIf, as planned.</summary>
        public string StatusAfter { get; set; } = "";
        public string? Description { get; set; }
        /// <summary>The subscription of the connection's private endpoint.</summary>
        public string? RequesterSubscriptionId { get; set; }
        /// <summary>Why nothing was written, when so (e.g. "Already Approved; nothing written.").</summary>
        public string? Note { get; set; }
        /// <summary>True when the connection was written.</summary>
        public bool Changed { get; set; }
        public bool WhatIf { get; set; }

        public override string ToString()
        {
            var verb = WhatIf ? "would be" : Changed ? "now" : "already";
            return $"{ResourceName}/{Name}: {StatusBefore} -> {verb} {StatusAfter}";
        }
    }
}

using System;

namespace Astro.Network
{
    /// <summary>
    /// The customer side of Private Link to an Astro cluster for Remote Execution agents: the private endpoint to the
    /// cluster's Private Link Service and the private DNS name external.astronomer.run that points at it.
    /// </summary>
    public sealed class RemoteExecutionEndpoint
    {
        public string ClusterId { get; set; } = "";
        public string Name { get; set; } = "";
        public string PrivateEndpointId { get; set; } = "";
        public string SubnetId { get; set; } = "";
        /// <summary>The alias or resource ID the endpoint connects to.</summary>
        public string PrivateLinkService { get; set; } = "";
        /// <summary>Pending until Astronomer support approves, then Approved; Rejected, Disconnected; empty when not created (-WhatIf).</summary>
        public string ConnectionStatus { get; set; } = "";
        public string? PrivateIpAddress { get; set; }
        /// <summary>The resource group of the private DNS zone.</summary>
        public string DnsZoneResourceGroup { get; set; } = "";
        /// <summary>&lt;clusterId&gt;.external.astronomer.run</summary>
        public string HostName { get; set; } = "";
        /// <summary>What was (or, with -WhatIf, would be) done to each piece.</summary>
        public RemoteExecutionChange[] Changes { get; set; } = Array.Empty<RemoteExecutionChange>();
        public bool WhatIf { get; set; }
        public string? Note { get; set; }

        public override string ToString() => $"{Name} -> {HostName} ({ConnectionStatus})";
    }

    /// <summary>One piece of the Remote Execution setup: the private endpoint, the DNS zone, its VNet link or the A record.</summary>
    public sealed class RemoteExecutionChange
    {
        /// <summary>PrivateEndpoint, DnsZone, DnsZoneLink or DnsRecord.</summary>
        public string Part { get; set; } = "";
        public string Id { get; set; } = "";
        /// <summary>Created, Updated, Exists, Removed, Absent, Kept, or WouldCreate/WouldUpdate/WouldRemove under -WhatIf.</summary>
        public string Status { get; set; } = "";
        public string? Detail { get; set; }

        public override string ToString() => $"{Part} {Status}: {Id}";
    }
}

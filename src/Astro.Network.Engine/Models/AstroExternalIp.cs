namespace Astro.Network
{
    /// <summary>One egress IP of a Deployment or cluster: the unit the allowlist cmdlets take from the pipeline.</summary>
    public sealed class AstroExternalIp
    {
        public string IpAddress { get; set; } = "";
        /// <summary>"Deployment", "DeploymentDR" (the Deployment's disaster-recovery cluster) or "Cluster".</summary>
        public string SourceType { get; set; } = "";
        public string SourceId { get; set; } = "";
        public string SourceName { get; set; } = "";
        public string? DeploymentId { get; set; }
        public string? ClusterId { get; set; }
        /// <summary>The Azure region the IP egresses from (the Deployment's or cluster's region), when Astro reports it.</summary>
        public string? Region { get; set; }

        public override string ToString() => IpAddress;
    }
}

using System;

namespace Astro.Network
{
    /// <summary>An Astro cluster (dedicated or hybrid) as the Astro API v1 reports it.</summary>
    public sealed class AstroCluster
    {
        public string Id { get; set; } = "";
        /// <summary>Same as Id, so a cluster piped to a cmdlet binds its -ClusterId parameter.</summary>
        public string ClusterId => Id;
        public string Name { get; set; } = "";
        public string OrganizationId { get; set; } = "";
        public string? CloudProvider { get; set; }
        public string? Region { get; set; }
        /// <summary>"DEDICATED" or "HYBRID".</summary>
        public string? Type { get; set; }
        public string? Status { get; set; }
        public string? VpcSubnetRange { get; set; }
        public string[] ExternalIps { get; set; } = Array.Empty<string>();
        public string? OidcIssuerUrl { get; set; }
        public string? TenantId { get; set; }
        public string[] WorkspaceIds { get; set; } = Array.Empty<string>();
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }

        public override string ToString() => $"{Name} ({Id}, {Type} {CloudProvider} {Region})";
    }
}

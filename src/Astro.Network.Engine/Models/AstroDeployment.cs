using System;

namespace Astro.Network
{
    /// <summary>An Astro Deployment as the Astro API v1 reports it.</summary>
    public sealed class AstroDeployment
    {
        public string Id { get; set; } = "";
        /// <summary>Same as Id, so a Deployment piped to a cmdlet binds its -DeploymentId parameter.</summary>
        public string DeploymentId => Id;
        public string Name { get; set; } = "";
        public string OrganizationId { get; set; } = "";
        public string? WorkspaceId { get; set; }
        public string? WorkspaceName { get; set; }
        public string? ClusterId { get; set; }
        public string? ClusterName { get; set; }
        /// <summary>"STANDARD", "DEDICATED" or "HYBRID".</summary>
        public string? Type { get; set; }
        public string? CloudProvider { get; set; }
        public string? Region { get; set; }
        public string? Namespace { get; set; }
        public string? Status { get; set; }
        public string? AirflowVersion { get; set; }
        public string? AstroRuntimeVersion { get; set; }
        public string[] ExternalIps { get; set; } = Array.Empty<string>();
        public string? OidcIssuerUrl { get; set; }
        /// <summary>The Deployment's egress IPs in its disaster-recovery cluster (v1 drExternalIPs); empty without DR.</summary>
        public string[] DrExternalIps { get; set; } = Array.Empty<string>();
        /// <summary>The OIDC issuer of the Deployment's disaster-recovery cluster (v1 drOidcIssuerUrl).</summary>
        public string? DrOidcIssuerUrl { get; set; }
        public string? WebServerUrl { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }

        public override string ToString() => $"{Name} ({Id}, {Type})";
    }
}

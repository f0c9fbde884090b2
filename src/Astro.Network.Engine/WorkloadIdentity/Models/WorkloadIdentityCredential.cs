using System;

namespace Astro.Network
{
    /// <summary>One federated identity credential of a user-assigned managed identity (Get-AstroWorkloadIdentity; inside grants).</summary>
    public sealed class WorkloadIdentityCredential
    {
        public string IdentityResourceId { get; set; } = "";
        public string Name { get; set; } = "";
        public string Issuer { get; set; } = "";
        public string Subject { get; set; } = "";
        public string[] Audiences { get; set; } = Array.Empty<string>();
        /// <summary>The Airflow component (scheduler, worker, kpo, ...) when the subject is an Astro Deployment's service account.</summary>
        public string? Workload { get; set; }
        public string? DeploymentId { get; set; }
        public string? DeploymentName { get; set; }
        public string? Namespace { get; set; }
        /// <summary>True when the issuer is the Deployment's disaster-recovery cluster (drOidcIssuerUrl).</summary>
        public bool DisasterRecovery { get; set; }
        /// <summary>Existing, Created, AlreadyExisted, WouldCreate, Removed or WouldRemove.</summary>
        public string Status { get; set; } = "";

        public override string ToString() => $"{Name}: {Subject} ({Status})";
    }
}

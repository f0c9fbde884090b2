using System;

namespace Astro.Network
{
    /// <summary>
    /// The federated credentials of one Deployment on one managed identity (Grant-/Remove-AstroWorkloadIdentity), with the
    /// client and tenant IDs an Airflow Azure connection (managed identity) needs.
    /// </summary>
    public sealed class WorkloadIdentityGrant
    {
        public string DeploymentId { get; set; } = "";
        public string DeploymentName { get; set; } = "";
        public string Namespace { get; set; } = "";
        public string IdentityResourceId { get; set; } = "";
        public string IdentityName { get; set; } = "";
        public string ClientId { get; set; } = "";
        public string TenantId { get; set; } = "";
        public string PrincipalId { get; set; } = "";
        public string Issuer { get; set; } = "";
        /// <summary>The disaster-recovery cluster's issuer, also trusted; null when the Deployment has no DR.</summary>
        public string? DrIssuer { get; set; }
        public WorkloadIdentityCredential[] Credentials { get; set; } = Array.Empty<WorkloadIdentityCredential>();
        public bool Changed { get; set; }
        public bool WhatIf { get; set; }

        public override string ToString() => $"{DeploymentName} on {IdentityName}: {Credentials.Length} credential(s)";
    }
}

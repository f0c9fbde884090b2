using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.WorkloadIdentity
{
    /// <summary>What an identity must trust for one Deployment: its OIDC issuer (exactly as Astro gives it) and its namespace's service accounts.</summary>
    internal sealed class DeploymentTrust
    {
        private DeploymentTrust(AstroDeployment deployment, string ns, string issuer)
        {
            Deployment = deployment;
            Namespace = ns;
            Issuer = issuer;
        }

        public AstroDeployment Deployment { get; }

        public string Namespace { get; }

        public string Issuer { get; }

        /// <summary>DeploymentNotReadyForWorkloadIdentity when the namespace or an https issuer is missing.</summary>
        public static DeploymentTrust For(AstroDeployment deployment) => TryFor(deployment, out var trust, out var reason)
            ? trust!
            : throw WorkloadIdentityErrors.DeploymentNotReady(deployment, reason!);

        public static bool TryFor(AstroDeployment deployment, out DeploymentTrust? trust, out string? reason)
        {
            trust = null;
            reason = string.IsNullOrWhiteSpace(deployment.Namespace)
                ? "has no namespace yet"
                : string.IsNullOrWhiteSpace(deployment.OidcIssuerUrl)
                    ? "has no oidcIssuerUrl"
                    : !Uri.TryCreate(deployment.OidcIssuerUrl, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
                        ? $"has an oidcIssuerUrl that is not an https URL ('{deployment.OidcIssuerUrl}')"
                        : null;
            if (reason == null)
            {
                trust = new DeploymentTrust(deployment, deployment.Namespace!.Trim(), deployment.OidcIssuerUrl!);
            }

            return reason == null;
        }

        /// <summary>The credential a component needs: name "{ns}-{workload}", the service account subject, the token-exchange audience.</summary>
        public FederatedCredential Expected(string workload) => new FederatedCredential(
            AstroWorkloads.CredentialName(Namespace, workload), Issuer, AstroWorkloads.Subject(Namespace, workload), new[] { AstroWorkloads.Audience });

        /// <summary>Issuer equal and subject a service account of the namespace: the credential trusts this Deployment.</summary>
        public bool Owns(FederatedCredential credential) =>
            string.Equals(credential.Issuer, Issuer, StringComparison.Ordinal) && AstroWorkloads.WorkloadOf(Namespace, credential.Subject) != null;

        /// <summary>The credential as output, with this Deployment's details filled in.</summary>
        public WorkloadIdentityCredential Describe(FederatedCredential credential, string identityId, string status)
        {
            var output = credential.ToOutput(identityId, status);
            output.Workload = AstroWorkloads.WorkloadOf(Namespace, credential.Subject);
            output.DeploymentId = Deployment.Id;
            output.DeploymentName = Deployment.Name;
            output.Namespace = Namespace;
            return output;
        }

        public WorkloadIdentityGrant NewGrant(ManagedIdentity identity, IEnumerable<WorkloadIdentityCredential> credentials, bool changed, bool whatIf) =>
            new WorkloadIdentityGrant
            {
                DeploymentId = Deployment.Id,
                DeploymentName = Deployment.Name,
                Namespace = Namespace,
                IdentityResourceId = identity.Id.Id,
                IdentityName = identity.Id.Name,
                ClientId = identity.ClientId,
                TenantId = identity.TenantId,
                PrincipalId = identity.PrincipalId,
                Issuer = Issuer,
                Credentials = credentials.ToArray(),
                Changed = changed,
                WhatIf = whatIf,
            };
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.WorkloadIdentity
{
    /// <summary>
    /// What an identity must trust for one Deployment: its OIDC issuer (exactly as Astro gives it), its disaster-recovery
    /// cluster's issuer when it has one, and its namespace's service accounts.
    /// </summary>
    internal sealed class DeploymentTrust
    {
        /// <summary>Suffix of a DR credential's name: Azure names must be unique per identity, issuer aside [inf].</summary>
        public const string DrSuffix = "-dr";

        private DeploymentTrust(AstroDeployment deployment, string ns, string issuer, string? drIssuer)
        {
            Deployment = deployment;
            Namespace = ns;
            Issuer = issuer;
            DrIssuer = drIssuer;
        }

        public AstroDeployment Deployment { get; }

        public string Namespace { get; }

        public string Issuer { get; }

        /// <summary>drOidcIssuerUrl: the Deployment's pods sign in from there after a failover; null without DR.</summary>
        public string? DrIssuer { get; }

        /// <summary>DeploymentNotReadyForWorkloadIdentity when the namespace or an https issuer is missing.</summary>
        public static DeploymentTrust For(AstroDeployment deployment) => TryFor(deployment, out var trust, out var reason)
            ? trust!
            : throw WorkloadIdentityErrors.DeploymentNotReady(deployment, reason!);

        public static bool TryFor(AstroDeployment deployment, out DeploymentTrust? trust, out string? reason)
        {
            trust = null;
            var drIssuer = string.IsNullOrWhiteSpace(deployment.DrOidcIssuerUrl) ? null : deployment.DrOidcIssuerUrl;
            reason = string.IsNullOrWhiteSpace(deployment.Namespace)
                ? "has no namespace yet"
                : string.IsNullOrWhiteSpace(deployment.OidcIssuerUrl)
                    ? "has no oidcIssuerUrl"
                    : !IsHttps(deployment.OidcIssuerUrl!)
                        ? $"has an oidcIssuerUrl that is not an https URL ('{deployment.OidcIssuerUrl}')"
                        : drIssuer != null && !IsHttps(drIssuer)
                            ? $"has a drOidcIssuerUrl that is not an https URL ('{drIssuer}')"
                            : null;
            if (reason == null)
            {
                trust = new DeploymentTrust(deployment, deployment.Namespace!.Trim(), deployment.OidcIssuerUrl!, drIssuer);
            }

            return reason == null;
        }

        /// <summary>
        /// The credentials a component needs: name "{ns}-{workload}" with the issuer, and "{ns}-{workload}-dr" with the DR issuer
        /// when there is one; the service account subject and the token-exchange audience in both.
        /// </summary>
        public IEnumerable<FederatedCredential> Expected(string workload)
        {
            var name = AstroWorkloads.CredentialName(Namespace, workload);
            var subject = AstroWorkloads.Subject(Namespace, workload);
            yield return new FederatedCredential(name, Issuer, subject, new[] { AstroWorkloads.Audience });
            if (DrIssuer != null)
            {
                yield return new FederatedCredential(name + DrSuffix, DrIssuer, subject, new[] { AstroWorkloads.Audience });
            }
        }

        /// <summary>Issuer (or DR issuer) equal and subject a service account of the namespace: the credential trusts this Deployment.</summary>
        public bool Owns(FederatedCredential credential) =>
            (IsIssuer(credential, Issuer) || IsIssuer(credential, DrIssuer)) && AstroWorkloads.WorkloadOf(Namespace, credential.Subject) != null;

        /// <summary>The credential as output, with this Deployment's details filled in.</summary>
        public WorkloadIdentityCredential Describe(FederatedCredential credential, string identityId, string status)
        {
            var output = credential.ToOutput(identityId, status);
            output.Workload = AstroWorkloads.WorkloadOf(Namespace, credential.Subject);
            output.DeploymentId = Deployment.Id;
            output.DeploymentName = Deployment.Name;
            output.Namespace = Namespace;
            output.DisasterRecovery = IsIssuer(credential, DrIssuer);
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
                DrIssuer = DrIssuer,
                Credentials = credentials.ToArray(),
                Changed = changed,
                WhatIf = whatIf,
            };

        private static bool IsIssuer(FederatedCredential credential, string? issuer) =>
            issuer != null && string.Equals(credential.Issuer, issuer, StringComparison.Ordinal);

        private static bool IsHttps(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
    }
}

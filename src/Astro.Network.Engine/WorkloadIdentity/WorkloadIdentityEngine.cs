using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.WorkloadIdentity;

namespace Astro.Network.Engine
{
    /// <summary>
    /// The workload identity cmdlets' entry point: federated identity credentials on a user-assigned managed identity
    /// (Microsoft.ManagedIdentity 2023-01-31) that trust an Astro Deployment's OIDC issuer and service accounts.
    /// </summary>
    public static class WorkloadIdentityEngine
    {
        public const string Audience = AstroWorkloads.Audience;

        /// <summary>Per-identity limit Azure enforces.</summary>
        public const int MaxCredentialsPerIdentity = GrantPlan.MaxCredentialsPerIdentity;

        /// <summary>scheduler, triggerer, worker, kpo; plus dag-processor and api-server for Airflow 3.x.</summary>
        public static IReadOnlyList<string> DefaultWorkloads(string? airflowVersion) => AstroWorkloads.Defaults(airflowVersion);

        /// <summary>Canonical ID; InvalidResourceId for bad syntax, WrongResourceType unless a userAssignedIdentities ID.</summary>
        public static string NormalizeIdentityId(string identityResourceId) => ManagedIdentityId.Parse(identityResourceId).Id;

        /// <summary>
        /// Creates the missing credentials only, after checking name conflicts (FederatedCredentialConflict) and the
        /// 20-per-identity limit (FederatedCredentialLimitExceeded) before any write; whatIf reads only (WouldCreate).
        /// </summary>
        public static async Task<WorkloadIdentityGrant> GrantAsync(string deploymentId, string identityResourceId, IReadOnlyList<string>? workloads,
            bool whatIf, IOperationLog log, CancellationToken ct) =>
            await (await ConnectAsync(log, ct).ConfigureAwait(false)).GrantAsync(deploymentId, identityResourceId, workloads, whatIf, ct).ConfigureAwait(false);

        /// <summary>Every credential of the identity, with Deployment and Workload filled where one of the organization's Deployments owns it.</summary>
        public static async Task<IReadOnlyList<WorkloadIdentityCredential>> GetAsync(string identityResourceId, string? deploymentId,
            IOperationLog log, CancellationToken ct) =>
            await (await ConnectAsync(log, ct).ConfigureAwait(false)).GetAsync(identityResourceId, deploymentId, ct).ConfigureAwait(false);

        /// <summary>Deletes only the Deployment's credentials (its issuer and a subject in its namespace); whatIf reads only (WouldRemove).</summary>
        public static async Task<WorkloadIdentityGrant> RemoveAsync(string deploymentId, string identityResourceId, bool whatIf,
            IOperationLog log, CancellationToken ct) =>
            await (await ConnectAsync(log, ct).ConfigureAwait(false)).RemoveAsync(deploymentId, identityResourceId, whatIf, ct).ConfigureAwait(false);

        private static async Task<WorkloadIdentityService> ConnectAsync(IOperationLog log, CancellationToken ct) =>
            new WorkloadIdentityService((await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false)).Arm, new AstroService(log), log);
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.WorkloadIdentity
{
    /// <summary>A user-assigned identity's read-only IDs (what an Airflow Azure connection needs).</summary>
    internal sealed class ManagedIdentity
    {
        public ManagedIdentity(ManagedIdentityId id, string clientId, string tenantId, string principalId)
        {
            Id = id;
            ClientId = clientId;
            TenantId = tenantId;
            PrincipalId = principalId;
        }

        public ManagedIdentityId Id { get; }

        public string ClientId { get; }

        public string TenantId { get; }

        public string PrincipalId { get; }
    }

    /// <summary>The Microsoft.ManagedIdentity calls (2023-01-31, all synchronous): the identity and its federated credentials.</summary>
    internal sealed class ManagedIdentityClient
    {
        private readonly ArmRestClient arm;

        public ManagedIdentityClient(ArmRestClient arm) => this.arm = arm;

        /// <summary>ManagedIdentityNotFound when the identity (or its resource group) does not exist.</summary>
        public async Task<ManagedIdentity> GetIdentityAsync(ManagedIdentityId id, CancellationToken ct)
        {
            var response = await arm.GetAsync(id.Id, ApiVersions.ManagedIdentity, nullIfNotFound: true, ct).ConfigureAwait(false)
                ?? throw WorkloadIdentityErrors.IdentityNotFound(id.Id);
            var properties = response.Object?["properties"];
            return new ManagedIdentity(id, JsonNodes.Text(properties, "clientId") ?? "", JsonNodes.Text(properties, "tenantId") ?? "",
                JsonNodes.Text(properties, "principalId") ?? "");
        }

        /// <summary>Every credential of the identity (all pages).</summary>
        public async Task<IReadOnlyList<FederatedCredential>> ListAsync(ManagedIdentityId id, CancellationToken ct) =>
            (await arm.ListAsync(id.CredentialsPath, ApiVersions.ManagedIdentity, ct).ConfigureAwait(false)).Select(FederatedCredential.FromJson).ToList();

        public async Task PutAsync(ManagedIdentityId id, FederatedCredential credential, CancellationToken ct) =>
            await arm.PutAsync(id.CredentialPath(credential.Name), ApiVersions.ManagedIdentity, credential.ToBody(), null, ct).ConfigureAwait(false);

        /// <summary>False when the credential was already gone (204).</summary>
        public Task<bool> DeleteAsync(ManagedIdentityId id, string name, CancellationToken ct) =>
            arm.DeleteAsync(id.CredentialPath(name), ApiVersions.ManagedIdentity, null, ct);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.WorkloadIdentity
{
    /// <summary>Grant, read and remove the federated credentials that let an Astro Deployment's components sign in as a managed identity.</summary>
    internal sealed class WorkloadIdentityService
    {
        private readonly ManagedIdentityClient client;
        private readonly AstroService astro;
        private readonly IOperationLog log;

        public WorkloadIdentityService(ArmRestClient arm, AstroService astro, IOperationLog log)
        {
            client = new ManagedIdentityClient(arm);
            this.astro = astro;
            this.log = log;
        }

        public async Task<WorkloadIdentityGrant> GrantAsync(string deploymentId, string identityResourceId, IReadOnlyList<string>? workloads, bool whatIf, CancellationToken ct)
        {
            var id = ManagedIdentityId.Parse(identityResourceId);
            var requested = workloads != null && workloads.Any(w => !string.IsNullOrWhiteSpace(w)) ? AstroWorkloads.Resolve(workloads, null) : null;
            var trust = await ReadTrustAsync(deploymentId, ct).ConfigureAwait(false);
            var wanted = requested ?? AstroWorkloads.Defaults(trust.Deployment.AirflowVersion);
            var identity = await client.GetIdentityAsync(id, ct).ConfigureAwait(false);
            var existing = await client.ListAsync(id, ct).ConfigureAwait(false);
            var plan = GrantPlan.Create(id.Id, trust, wanted, existing);
            var toCreate = plan.ToCreate;
            log.Verbose($"Identity {id.Name} has {existing.Count} federated credential(s); Deployment {trust.Deployment.Name} needs " +
                $"{string.Join(", ", wanted)}: {toCreate.Count} to create.");
            if (!whatIf)
            {
                foreach (var credential in toCreate)
                {
                    log.Verbose($"Creating federated credential {credential.Name} (subject {credential.Subject}).");
                    try
                    {
                        await client.PutAsync(id, credential, ct).ConfigureAwait(false);
                    }
                    catch (AstroNetworkException ex) when (ex.Status.HasValue)
                    {
                        throw ServiceErrors.WithAdvice(ex, $"Creating '{credential.Name}' failed; credentials created before it stay, and running the command again creates only the missing ones.");
                    }
                }

                if (toCreate.Count > 0)
                {
                    await VerifyCreatedAsync(id, toCreate, ct).ConfigureAwait(false);
                }
            }

            var created = whatIf ? "WouldCreate" : "Created";
            var outputs = plan.Items.Select(i => trust.Describe(i.Key, id.Id, i.Value ? created : "AlreadyExisted"));
            return trust.NewGrant(identity, outputs, changed: !whatIf && toCreate.Count > 0, whatIf);
        }

        public async Task<IReadOnlyList<WorkloadIdentityCredential>> GetAsync(string identityResourceId, string? deploymentId, CancellationToken ct)
        {
            var id = ManagedIdentityId.Parse(identityResourceId);
            IReadOnlyList<DeploymentTrust> trusts = string.IsNullOrWhiteSpace(deploymentId)
                ? await ReadAllTrustsAsync(ct).ConfigureAwait(false)
                : new[] { await ReadTrustAsync(deploymentId!, ct).ConfigureAwait(false) };
            await client.GetIdentityAsync(id, ct).ConfigureAwait(false);
            var result = new List<WorkloadIdentityCredential>();
            foreach (var credential in await client.ListAsync(id, ct).ConfigureAwait(false))
            {
                var owner = trusts.FirstOrDefault(t => t.Owns(credential));
                if (owner != null)
                {
                    result.Add(owner.Describe(credential, id.Id, "Existing"));
                }
                else if (string.IsNullOrWhiteSpace(deploymentId))
                {
                    result.Add(credential.ToOutput(id.Id, "Existing"));
                }
            }

            return result;
        }

        public async Task<WorkloadIdentityGrant> RemoveAsync(string deploymentId, string identityResourceId, bool whatIf, CancellationToken ct)
        {
            var id = ManagedIdentityId.Parse(identityResourceId);
            var trust = await ReadTrustAsync(deploymentId, ct).ConfigureAwait(false);
            var identity = await client.GetIdentityAsync(id, ct).ConfigureAwait(false);
            var mine = (await client.ListAsync(id, ct).ConfigureAwait(false)).Where(trust.Owns).ToList();
            log.Verbose($"Identity {id.Name} has {mine.Count} federated credential(s) of Deployment {trust.Deployment.Name}.");
            var changed = false;
            if (!whatIf && mine.Count > 0)
            {
                foreach (var credential in mine)
                {
                    log.Verbose($"Deleting federated credential {credential.Name} (subject {credential.Subject}).");
                    changed |= await client.DeleteAsync(id, credential.Name, ct).ConfigureAwait(false);
                }

                var left = (await client.ListAsync(id, ct).ConfigureAwait(false)).FirstOrDefault(trust.Owns);
                if (left != null)
                {
                    throw WorkloadIdentityErrors.VerificationFailed(id.Id, left.Name, "still trusts the Deployment");
                }
            }

            var outputs = mine.Select(c => trust.Describe(c, id.Id, whatIf ? "WouldRemove" : "Removed"));
            return trust.NewGrant(identity, outputs, changed, whatIf);
        }

        private async Task VerifyCreatedAsync(ManagedIdentityId id, IReadOnlyList<FederatedCredential> created, CancellationToken ct)
        {
            var now = await client.ListAsync(id, ct).ConfigureAwait(false);
            foreach (var credential in created)
            {
                var found = now.FirstOrDefault(c => c.SameName(credential.Name));
                if (found == null || !found.SameTrust(credential) || !found.SameAudiences(credential))
                {
                    throw WorkloadIdentityErrors.VerificationFailed(id.Id, credential.Name, found == null ? "is missing" : "has " + found.Describe());
                }
            }
        }

        private async Task<DeploymentTrust> ReadTrustAsync(string deploymentId, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(deploymentId))
            {
                throw new AstroNetworkException("AstroDeploymentRequired", FailureKind.InvalidArgument, "Name the Astro Deployment by its ID.");
            }

            var deployment = (await astro.GetDeploymentsAsync(deploymentId, null, null, ct).ConfigureAwait(false)).Single();
            return DeploymentTrust.For(deployment);
        }

        // Deployments still being created (no namespace or issuer yet) cannot own a credential.
        private async Task<IReadOnlyList<DeploymentTrust>> ReadAllTrustsAsync(CancellationToken ct) =>
            (await astro.GetDeploymentsAsync(null, null, null, ct).ConfigureAwait(false))
                .Select(d => DeploymentTrust.TryFor(d, out var trust, out _) ? trust : null)
                .Where(t => t != null).Select(t => t!).ToList();
    }
}

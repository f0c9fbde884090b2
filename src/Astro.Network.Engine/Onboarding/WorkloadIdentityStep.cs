using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>The file's WorkloadIdentity: the Deployment's federated credentials on the managed identity, one item per credential.</summary>
    internal sealed class WorkloadIdentityStep : OnboardingStep
    {
        public WorkloadIdentityStep() : base("WorkloadIdentity")
        {
        }

        private const string Action = "CreateCredential";

        protected override string FallbackTarget(OnboardingContext context) => context.Spec.WorkloadIdentity?.IdentityId ?? base.FallbackTarget(context);

        protected override async Task PlanCoreAsync(OnboardingContext context, CancellationToken ct)
        {
            if (context.Spec.WorkloadIdentity is not { } spec)
            {
                return;
            }

            Record(await WorkloadIdentityEngine.GrantAsync(context.DeploymentId!, spec.IdentityId, spec.Workloads, whatIf: true, context.Log, ct).ConfigureAwait(false));
        }

        protected override async Task ApplyCoreAsync(OnboardingContext context, IReadOnlyList<OnboardingItem> todo, CancellationToken ct)
        {
            var spec = context.Spec.WorkloadIdentity!;
            Record(await WorkloadIdentityEngine.GrantAsync(context.DeploymentId!, spec.IdentityId, spec.Workloads, whatIf: false, context.Log, ct).ConfigureAwait(false));
        }

        private void Record(WorkloadIdentityGrant grant)
        {
            // Items of credentials that stayed as planned (AlreadyDone) are replaced by the grant's own answer.
            Items.RemoveAll(i => i.Status == OnboardingStatus.AlreadyDone && i.Target == grant.IdentityResourceId);
            foreach (var credential in grant.Credentials)
            {
                var status = credential.Status switch
                {
                    "WouldCreate" => OnboardingStatus.ToDo,
                    "Created" => OnboardingStatus.Done,
                    _ => OnboardingStatus.AlreadyDone,
                };
                var item = Add(Action, grant.IdentityResourceId, credential.Name, status,
                    $"{credential.Workload}{(credential.DisasterRecovery ? " (disaster recovery)" : "")}: {credential.Subject}");
                item.NextStep = $"Airflow's Azure connection: managed identity client ID {grant.ClientId}, tenant {grant.TenantId}.";
            }
        }
    }
}

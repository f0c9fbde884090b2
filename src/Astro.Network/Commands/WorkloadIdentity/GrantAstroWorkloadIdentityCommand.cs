using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.WorkloadIdentity
{
    /// <summary>
    /// Lets a Deployment's Airflow components sign in as a user-assigned managed identity: creates the federated identity
    /// credentials (the Deployment's OIDC issuer and service-account subjects) that are missing, and nothing else.
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "AstroWorkloadIdentity", SupportsShouldProcess = true)]
    [OutputType(typeof(WorkloadIdentityGrant))]
    public sealed class GrantAstroWorkloadIdentityCommand : DeploymentIdentityCmdlet
    {
        /// <summary>Airflow components to trust. Default: the ones Astro documents for the Deployment's Airflow version.</summary>
        [Parameter]
        [ValidateSet("scheduler", "triggerer", "worker", "kpo", "dag-processor", "api-server")]
        public string[]? Workload { get; set; }

        protected override void ProcessItem()
        {
            var identity = IdentityId;
            var whatIf = !ShouldProcess(identity, $"Add federated identity credentials for Astro Deployment {DeploymentId}");
            WriteObject(Run((log, ct) => WorkloadIdentityEngine.GrantAsync(DeploymentId, identity, Workload, whatIf, log, ct)));
        }
    }
}

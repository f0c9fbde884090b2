using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.WorkloadIdentity
{
    /// <summary>Removes one Deployment's federated identity credentials from a managed identity; other credentials stay.</summary>
    [Cmdlet(VerbsCommon.Remove, "AstroWorkloadIdentity", SupportsShouldProcess = true)]
    [OutputType(typeof(WorkloadIdentityGrant))]
    public sealed class RemoveAstroWorkloadIdentityCommand : DeploymentIdentityCmdlet
    {
        protected override void ProcessItem()
        {
            var identity = IdentityId;
            var whatIf = !ShouldProcess(identity, $"Remove the federated identity credentials of Astro Deployment {DeploymentId}");
            WriteObject(Run((log, ct) => WorkloadIdentityEngine.RemoveAsync(DeploymentId, identity, whatIf, log, ct)));
        }
    }
}

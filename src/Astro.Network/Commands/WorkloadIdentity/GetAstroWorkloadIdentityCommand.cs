using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.WorkloadIdentity
{
    /// <summary>Shows the federated identity credentials of a managed identity and which Astro Deployments they trust.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroWorkloadIdentity")]
    [OutputType(typeof(WorkloadIdentityCredential))]
    public sealed class GetAstroWorkloadIdentityCommand : WorkloadIdentityCmdlet
    {
        /// <summary>Only the credentials of this Deployment.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string? DeploymentId { get; set; }

        protected override void ProcessItem()
        {
            var identity = IdentityId;
            WriteObject(Run((log, ct) => WorkloadIdentityEngine.GetAsync(identity, DeploymentId, log, ct)), enumerateCollection: true);
        }
    }
}

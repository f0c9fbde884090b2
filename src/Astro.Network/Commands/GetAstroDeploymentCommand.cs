using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands
{
    /// <summary>Lists the organization's Astro Deployments, or gets them by ID, name or workspace.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroDeployment", DefaultParameterSetName = ByName)]
    [OutputType(typeof(AstroDeployment))]
    public sealed class GetAstroDeploymentCommand : AstroCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string DeploymentId { get; set; } = null!;

        /// <summary>Deployment names; wildcards allowed.</summary>
        [Parameter(ParameterSetName = ByName, Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(DeploymentNameCompleter))]
        public string[]? Name { get; set; }

        [Parameter(ParameterSetName = ByName)]
        [ValidateNotNullOrEmpty]
        public string[]? WorkspaceId { get; set; }

        protected override void ProcessItem()
        {
            var id = ParameterSetName == ById ? DeploymentId : null;
            // A name that matches nothing is reported after the others are written, as Get-Item does.
            var missing = new System.Collections.Concurrent.ConcurrentQueue<AstroNetworkException>();
            var deployments = Run((log, ct) => new AstroService(log).GetDeploymentsAsync(id, Name, WorkspaceId, missing.Enqueue, ct));
            WriteObject(deployments, enumerateCollection: true);
            foreach (var error in missing) WriteError(ToErrorRecord(error));
        }
    }
}

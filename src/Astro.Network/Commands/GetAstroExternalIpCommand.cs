using System.Collections.Generic;
using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands
{
    /// <summary>Gets the external (egress) IP addresses of an Astro Deployment (with its disaster-recovery IPs) or cluster, one object per IP.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroExternalIp", DefaultParameterSetName = ByInputObject)]
    [OutputType(typeof(AstroExternalIp))]
    public sealed class GetAstroExternalIpCommand : AstroCmdlet
    {
        private const string ByDeployment = "ByDeploymentId";
        private const string ByCluster = "ByClusterId";
        private const string ByInputObject = "ByInputObject";

        [Parameter(ParameterSetName = ByDeployment, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string DeploymentId { get; set; } = null!;

        [Parameter(ParameterSetName = ByCluster, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string ClusterId { get; set; } = null!;

        /// <summary>An AstroDeployment or AstroCluster, usually from the pipeline.</summary>
        [Parameter(ParameterSetName = ByInputObject, Mandatory = true, ValueFromPipeline = true, Position = 0)]
        public PSObject InputObject { get; set; } = null!;

        /// <summary>Leaves out the Deployment's disaster-recovery IPs (source DeploymentDR), which are returned by default.</summary>
        [Parameter]
        public SwitchParameter ExcludeDisasterRecovery { get; set; }

        protected override void ProcessItem()
        {
            IReadOnlyList<AstroExternalIp> ips;
            switch (ParameterSetName)
            {
                case ByDeployment:
                    ips = Run((log, ct) => new AstroService(log).GetExternalIpsAsync(DeploymentId, null, !ExcludeDisasterRecovery, ct));
                    break;
                case ByCluster:
                    ips = Run((log, ct) => new AstroService(log).GetExternalIpsAsync(null, ClusterId, ct));
                    break;
                default:
                    ips = InputObject.BaseObject switch
                    {
                        AstroDeployment deployment => AstroService.ExternalIpsOf(deployment, !ExcludeDisasterRecovery),
                        AstroCluster cluster => AstroService.ExternalIpsOf(cluster),
                        _ => throw new AstroNetworkException("InvalidInputObject", FailureKind.InvalidArgument,
                            $"Get-AstroExternalIp takes an AstroDeployment or AstroCluster from the pipeline, not '{InputObject.BaseObject.GetType().FullName}'. Use -DeploymentId or -ClusterId for IDs.",
                            InputObject.BaseObject),
                    };
                    break;
            }
            WriteObject(ips, enumerateCollection: true);
        }
    }
}

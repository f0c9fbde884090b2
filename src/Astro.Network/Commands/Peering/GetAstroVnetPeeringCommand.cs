using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Peering
{
    /// <summary>Lists a VNet's peerings with their state, marking the one that reaches the Astro cluster.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroVnetPeering")]
    [OutputType(typeof(VnetPeering))]
    public sealed class GetAstroVnetPeeringCommand : PeeringCmdlet
    {
        /// <summary>Marks peerings whose remote address space contains this cluster's VNet range.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string? ClusterId { get; set; }

        protected override void ProcessItem()
        {
            var id = TargetId;
            WriteObject(Run((log, ct) => PeeringEngine.GetPeeringsAsync(id, ClusterId, log, ct)), enumerateCollection: true);
        }
    }
}

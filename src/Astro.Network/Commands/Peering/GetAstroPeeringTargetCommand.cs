using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Peering
{
    /// <summary>Collects what a VNet peering request needs: tenant, subscription, resource group, VNet, address space, peerings.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroPeeringTarget", DefaultParameterSetName = ById)]
    [OutputType(typeof(PeeringTarget))]
    public sealed class GetAstroPeeringTargetCommand : AstroCmdlet
    {
        private const string ById = "ById";
        private const string ByName = "ByName";

        /// <summary>The VNet's resource ID; also bound from objects with a VirtualNetworkId, ResourceId or Id property.</summary>
        [Parameter(ParameterSetName = ById, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ResourceId", "Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(VirtualNetworkIdCompleter))]
        public string VirtualNetworkId { get; set; } = null!;

        [Parameter(ParameterSetName = ByName, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ResourceGroupName { get; set; } = null!;

        [Parameter(ParameterSetName = ByName, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        public string VirtualNetworkName { get; set; } = null!;

        /// <summary>Default: the subscription of the Azure connection.</summary>
        [Parameter(ParameterSetName = ByName)]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        protected override void ProcessItem()
        {
            if (ParameterSetName == ById)
            {
                var id = PeeringEngine.NormalizeVirtualNetworkId(VirtualNetworkId);
                WriteObject(Run((log, ct) => PeeringEngine.GetTargetAsync(id, log, ct)));
            }
            else
            {
                WriteObject(Run((log, ct) => PeeringEngine.FindTargetAsync(SubscriptionId, ResourceGroupName, VirtualNetworkName, log, ct)));
            }
        }
    }
}

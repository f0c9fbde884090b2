using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Peering
{
    /// <summary>
    /// Peering cmdlets take a VNet and (mostly) an Astro cluster, each by property name, so a PeeringTarget, a grant, an
    /// AstroCluster or an AstroDeployment can be piped in and the other given as a parameter.
    /// </summary>
    public abstract class PeeringCmdlet : AstroCmdlet
    {
        /// <summary>
        /// The customer VNet's resource ID; bound by property name from PeeringTarget, grants and peerings, and from Az
        /// VNet objects (Get-AzVirtualNetwork) by their Id. An object's own VirtualNetworkId wins over its Id.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ResourceId", "Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(VirtualNetworkIdCompleter))]
        public string VirtualNetworkId { get; set; } = null!;

        /// <summary>The validated, canonical VNet ID; a malformed one writes InvalidResourceId for this item.</summary>
        protected string TargetId => PeeringEngine.NormalizeVirtualNetworkId(VirtualNetworkId);
    }

    /// <summary>A peering cmdlet that needs the Astro cluster.</summary>
    public abstract class ClusterPeeringCmdlet : PeeringCmdlet
    {
        /// <summary>The Astro cluster's ID; bound from AstroCluster and AstroDeployment objects by property name.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string ClusterId { get; set; } = null!;
    }
}

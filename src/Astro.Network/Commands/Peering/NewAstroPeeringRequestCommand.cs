using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Peering
{
    /// <summary>Produces the details Astronomer support needs to peer a dedicated cluster with a VNet, as text and JSON.</summary>
    [Cmdlet(VerbsCommon.New, "AstroPeeringRequest")]
    [OutputType(typeof(PeeringRequest))]
    public sealed class NewAstroPeeringRequestCommand : ClusterPeeringCmdlet
    {
        protected override void ProcessItem()
        {
            var id = TargetId;
            WriteObject(Run((log, ct) => PeeringEngine.NewRequestAsync(ClusterId, id, log, ct)));
        }
    }
}

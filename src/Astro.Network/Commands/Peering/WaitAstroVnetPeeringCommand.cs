using System;
using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Peering
{
    /// <summary>Waits until the peering between a VNet and an Astro cluster is Connected and fully in sync, or the timeout passes.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "AstroVnetPeering")]
    [OutputType(typeof(VnetPeering))]
    public sealed class WaitAstroVnetPeeringCommand : ClusterPeeringCmdlet
    {
        /// <summary>Seconds to wait before failing with PeeringWaitTimeout.</summary>
        [Parameter]
        [ValidateRange(1, 7 * 24 * 3600)]
        public int Timeout { get; set; } = 600;

        /// <summary>Seconds between reads of the VNet's peerings.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollInterval { get; set; } = 15;

        protected override void ProcessItem()
        {
            var request = new PeeringWaitRequest
            {
                VirtualNetworkId = TargetId,
                ClusterId = ClusterId,
                Timeout = TimeSpan.FromSeconds(Timeout),
                PollInterval = TimeSpan.FromSeconds(Math.Min(PollInterval, Timeout)),
            };
            WriteObject(Run((log, ct) => PeeringEngine.WaitAsync(request, log, ct)));
        }
    }
}

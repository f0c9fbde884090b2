using System;
using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.RemoteExecution
{
    /// <summary>Waits until Astronomer support approves the private endpoint's connection, or the timeout passes.</summary>
    [Cmdlet(VerbsLifecycle.Wait, "AstroPrivateEndpoint")]
    [OutputType(typeof(RemoteExecutionEndpoint))]
    public sealed class WaitAstroPrivateEndpointCommand : AstroCmdlet
    {
        /// <summary>The private endpoint's resource ID; bound from New-AstroPrivateEndpoint's output.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string PrivateEndpointId { get; set; } = null!;

        /// <summary>Seconds to wait before failing with PrivateEndpointWaitTimeout.</summary>
        [Parameter]
        [ValidateRange(1, 7 * 24 * 3600)]
        public int Timeout { get; set; } = 600;

        /// <summary>Seconds between reads of the private endpoint.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int PollInterval { get; set; } = 15;

        protected override void ProcessItem() =>
            WriteObject(Run((log, ct) => RemoteExecutionEngine.WaitAsync(PrivateEndpointId, TimeSpan.FromSeconds(Timeout),
                TimeSpan.FromSeconds(Math.Min(PollInterval, Timeout)), log, ct)));
    }
}

using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.RemoteExecution
{
    /// <summary>
    /// Removes what New-AstroPrivateEndpoint made for a cluster: the DNS record, the VNet link and the zone while no other
    /// record uses them, and the private endpoint. Anything the module did not make is kept and listed with the reason.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AstroPrivateEndpoint", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(RemoteExecutionChange))]
    public sealed class RemoveAstroPrivateEndpointCommand : RemoteExecutionCmdlet
    {
        protected override void ProcessItem()
        {
            var request = NewRequest(false);
            request.WhatIf = !ShouldProcess(RemoteExecutionEngine.EndpointId(request),
                $"Remove the private endpoint and the record {ClusterId.ToLowerInvariant()}.{RemoteExecutionEngine.ZoneName} that Astro.Network made (the zone and its link too when nothing else uses them)");
            WriteObject(Run((log, ct) => RemoteExecutionEngine.RemoveAsync(request, log, ct)), enumerateCollection: true);
        }
    }
}

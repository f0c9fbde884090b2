using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Peering
{
    /// <summary>Checks, before anything is written, whether an Astro cluster can be peered with a VNet: one result per check.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "AstroPeeringReadiness")]
    [OutputType(typeof(PeeringReadinessCheck))]
    public sealed class TestAstroPeeringReadinessCommand : ClusterPeeringCmdlet
    {
        protected override void ProcessItem()
        {
            var id = TargetId;
            WriteObject(Run((log, ct) => PeeringEngine.TestReadinessAsync(ClusterId, id, log, ct)), enumerateCollection: true);
        }
    }
}

using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.PrivateLink
{
    /// <summary>Approve and Deny: one connection per record (from the pipeline by property name), ShouldProcess each, no write when already so.</summary>
    public abstract class PrivateEndpointDecisionCmdlet : AstroCmdlet
    {
        /// <summary>The resource the connection is on; bound from PrivateEndpointConnection objects.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string ResourceId { get; set; } = null!;

        /// <summary>The connection's name; bound from PrivateEndpointConnection objects.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Name { get; set; } = null!;

        /// <summary>The reason recorded on the connection.</summary>
        [Parameter]
        [ValidateLength(1, 140)]
        public string? Description { get; set; }

        protected abstract bool Approve { get; }

        protected override void ProcessItem()
        {
            var id = PrivateLinkEngine.NormalizeResourceId(ResourceId);
            var verb = Approve ? "Approve" : "Reject";
            var whatIf = !ShouldProcess($"{id}/privateEndpointConnections/{Name}", $"{verb} private endpoint connection");
            WriteObject(Run((log, ct) => PrivateLinkEngine.SetStatusAsync(id, Name, Approve, Description, whatIf, log, ct)));
        }
    }

    /// <summary>Approves a pending private endpoint connection, such as the one Astronomer creates for a dedicated cluster.</summary>
    [Cmdlet(VerbsLifecycle.Approve, "AstroPrivateEndpointConnection", SupportsShouldProcess = true)]
    [OutputType(typeof(PrivateEndpointConnectionChange))]
    public sealed class ApproveAstroPrivateEndpointConnectionCommand : PrivateEndpointDecisionCmdlet
    {
        protected override bool Approve => true;
    }

    /// <summary>Rejects a private endpoint connection.</summary>
    [Cmdlet(VerbsLifecycle.Deny, "AstroPrivateEndpointConnection", SupportsShouldProcess = true)]
    [OutputType(typeof(PrivateEndpointConnectionChange))]
    public sealed class DenyAstroPrivateEndpointConnectionCommand : PrivateEndpointDecisionCmdlet
    {
        protected override bool Approve => false;
    }
}

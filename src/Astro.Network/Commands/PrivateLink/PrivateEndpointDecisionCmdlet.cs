using System.Management.Automation;
using Astro.Network.Completion;
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

        /// <summary>Seconds one resource may wait while Azure answers that it is busy or throttles, before AzureResourceBusy.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int BusyTimeout { get => BusyTimeoutSeconds ?? DefaultBusyTimeout; set => BusyTimeoutSeconds = value; }

        protected string Target(string id) => $"{id}/privateEndpointConnections/{Name}";
    }

    /// <summary>
    /// Approves a pending private endpoint connection only when it matches what Astronomer gave on the support ticket.
    /// The match parameters are deliberately not bound from the pipeline: a piped connection must not vouch for itself.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Approve, "AstroPrivateEndpointConnection", SupportsShouldProcess = true)]
    [OutputType(typeof(PrivateEndpointConnectionChange))]
    public sealed class ApproveAstroPrivateEndpointConnectionCommand : PrivateEndpointDecisionCmdlet
    {
        /// <summary>The subscription Astronomer's private endpoint is in, as Astronomer support gave it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RequesterSubscriptionId { get; set; }

        /// <summary>The ID of Astronomer's private endpoint, as Astronomer support gave it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PrivateEndpointId { get; set; }

        /// <summary>The Astro cluster ID that the connection's request message must name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string? ClusterId { get; set; }

        /// <summary>Approves without checking the requester.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessItem()
        {
            var id = PrivateLinkEngine.NormalizeResourceId(ResourceId);
            var trust = new PrivateEndpointTrust
            {
                RequesterSubscriptionId = RequesterSubscriptionId, PrivateEndpointId = PrivateEndpointId, ClusterId = ClusterId, Force = Force,
            };
            var action = Force && trust.IsEmpty ? "Approve private endpoint connection without checking its requester (-Force)" : "Approve private endpoint connection";
            var whatIf = !ShouldProcess(Target(id), action);
            WriteObject(Run((log, ct) => PrivateLinkEngine.ApproveAsync(id, Name, trust, Description, whatIf, log, ct)));
        }
    }

    /// <summary>Rejects a private endpoint connection; most services never approve it again, hence ConfirmImpact High.</summary>
    [Cmdlet(VerbsLifecycle.Deny, "AstroPrivateEndpointConnection", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(PrivateEndpointConnectionChange))]
    public sealed class DenyAstroPrivateEndpointConnectionCommand : PrivateEndpointDecisionCmdlet
    {
        protected override void ProcessItem()
        {
            var id = PrivateLinkEngine.NormalizeResourceId(ResourceId);
            var whatIf = !ShouldProcess(Target(id), "Reject private endpoint connection (the requester must create a new private endpoint to ask again)");
            WriteObject(Run((log, ct) => PrivateLinkEngine.DenyAsync(id, Name, Description, whatIf, log, ct)));
        }
    }
}

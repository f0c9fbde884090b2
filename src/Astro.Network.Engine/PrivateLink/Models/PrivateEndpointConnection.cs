using System;

namespace Astro.Network
{
    /// <summary>A private endpoint connection on an Azure resource (Get-AstroPrivateEndpointConnection).</summary>
    public sealed class PrivateEndpointConnection
    {
        /// <summary>The resource the connection is on; with Name, binds Approve-/Deny-AstroPrivateEndpointConnection.</summary>
        public string ResourceId { get; set; } = "";
        public string ResourceType { get; set; } = "";
        public string ResourceName { get; set; } = "";
        public string Name { get; set; } = "";
        public string Id { get; set; } = "";
        /// <summary>Pending, Approved, Rejected or Disconnected (a private link service may also report Removed).</summary>
        public string Status { get; set; } = "";
        public string? Description { get; set; }
        /// <summary>actionsRequired (Storage spells it actionRequired).</summary>
        public string? ActionsRequired { get; set; }
        /// <summary>The consumer's private endpoint, e.g. the one Astronomer created in the Astro VNet.</summary>
        public string? PrivateEndpointId { get; set; }
        /// <summary>Who asked: the subscription of the private endpoint (from PrivateEndpointId).</summary>
        public string? RequesterSubscriptionId { get; set; }
        /// <summary>The resource group of the private endpoint (from PrivateEndpointId).</summary>
        public string? RequesterResourceGroup { get; set; }
        /// <summary>The requester's message: the state's description while the connection is Pending (replaced by the decision's reason after).</summary>
        public string? RequestMessage { get; set; }
        public string? ProvisioningState { get; set; }
        /// <summary>The sub-resources, where the type reports them (SQL groupIds, Cosmos DB groupId).</summary>
        public string[] GroupIds { get; set; } = Array.Empty<string>();

        public override string ToString() => $"{ResourceName}/{Name} {Status}";
    }
}

using System.Collections.Generic;

namespace Astro.Network.Engine.PrivateLink
{
    /// <summary>Every Private Link failure with its stable ErrorId, in one place so ids stay unique and documented.</summary>
    internal static class PrivateLinkErrors
    {
        public static AstroNetworkException UnsupportedResourceType(string resourceType, string? reason, IEnumerable<string> supported) => new AstroNetworkException(
            "UnsupportedResourceType", FailureKind.InvalidArgument,
            $"Resource type '{resourceType}' has no private endpoint connection support{(reason == null ? "" : ": " + reason)}. " +
            $"Supported types: {string.Join(", ", supported)}.", resourceType);

        public static AstroNetworkException ConnectionNotFound(string resourceId, string name) => new AstroNetworkException(
            "PrivateEndpointConnectionNotFound", FailureKind.ObjectNotFound,
            $"'{resourceId}' has no private endpoint connection named '{name}'. List them with Get-AstroPrivateEndpointConnection.",
            $"{resourceId}/privateEndpointConnections/{name}");

        public static AstroNetworkException InvalidGroupId(string groupId, string resourceType, IReadOnlyList<string> valid) => new AstroNetworkException(
            "InvalidGroupId", FailureKind.InvalidArgument, valid.Count == 0
                ? $"A {resourceType} takes no Private Link group ID ('{groupId}' given); leave it empty."
                : $"'{groupId}' is not a Private Link group ID of {resourceType}. Valid group IDs: {string.Join(", ", valid)}.", groupId);

        public static AstroNetworkException ResourceNotFound(string resourceId) => new AstroNetworkException(
            "PrivateLinkResourceNotFound", FailureKind.ObjectNotFound, $"Resource '{resourceId}' was not found.", resourceId);

        public static AstroNetworkException StandardCluster(string clusterId) => new AstroNetworkException(
            "StandardClusterCannotUsePrivateLink", FailureKind.InvalidOperation,
            $"Cluster '{clusterId}' is not a dedicated or hybrid cluster; Private Link is available to DEDICATED and HYBRID clusters only. " +
            "Standard Deployments reach Azure resources over public endpoints: use Add-AstroAllowlist with the Deployment's external IPs.", clusterId)
        { RecommendedAction = "Use Add-AstroAllowlist with the Deployment's external IPs, or create a dedicated cluster." };

        public static AstroNetworkException RequesterNotTrusted(PrivateEndpointConnection c, string reason) => new AstroNetworkException(
            "PrivateEndpointRequesterNotTrusted", FailureKind.SecurityError,
            $"Not approving '{c.ResourceName}/{c.Name}': {reason}. Requester: subscription {c.RequesterSubscriptionId ?? "(unknown)"}, " +
            $"resource group {c.RequesterResourceGroup ?? "(unknown)"}, private endpoint {c.PrivateEndpointId ?? "(none)"}; request message: " +
            $"{(c.RequestMessage == null ? "(none)" : "'" + c.RequestMessage + "'")}. Pass what Astronomer gave on your ticket: -ClusterId (named in " +
            "the request message), -RequesterSubscriptionId or -PrivateEndpointId; -Force approves it unchecked. Nothing was changed.", c)
        { RecommendedAction = "Approve only connections Astronomer named on your support ticket; reject others with Deny-AstroPrivateEndpointConnection." };

        public static AstroNetworkException NotApprovable(PrivateEndpointConnection c, string? serviceMessage) => new AstroNetworkException(
            "PrivateEndpointConnectionNotApprovable", FailureKind.InvalidOperation,
            $"'{c.ResourceName}/{c.Name}' is {c.Status} and {c.ResourceType} does not approve it again" +
            $"{(serviceMessage == null ? "" : " (Azure: " + serviceMessage + ")")}. Nothing was changed.", c)
        { RecommendedAction = "Ask Astronomer support to create a new private endpoint (New-AstroPrivateLinkRequest), then approve its new Pending connection." };

        public static AstroNetworkException VerificationFailed(string connectionId, string wanted, string seen) => new AstroNetworkException(
            "PrivateEndpointConnectionVerificationFailed", FailureKind.InvalidOperation,
            $"The private endpoint connection '{connectionId}' reads '{seen}' after being set to '{wanted}'; another writer may have changed it.",
            connectionId);
    }
}

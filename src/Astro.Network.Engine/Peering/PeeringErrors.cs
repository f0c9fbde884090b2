namespace Astro.Network.Engine.Peering
{
    /// <summary>Every peering failure with its stable ErrorId, in one place so ids stay unique and documented.</summary>
    internal static class PeeringErrors
    {
        public static AstroNetworkException InvalidVirtualNetworkId(string? input, string reason) => new AstroNetworkException(
            "InvalidResourceId", FailureKind.InvalidArgument,
            $"'{input}' is not a valid virtual network ID ({reason}). Expected /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/virtualNetworks/<name>.",
            input);

        public static AstroNetworkException WrongResourceType(string? input, string resourceType) => new AstroNetworkException(
            "WrongResourceType", FailureKind.InvalidArgument,
            $"'{input}' is a {resourceType} ID; peering needs a {VirtualNetworkIds.ResourceType} ID.", input);

        public static AstroNetworkException StandardCluster(string clusterId) => new AstroNetworkException(
            "StandardClusterCannotPeer", FailureKind.InvalidOperation,
            $"Cluster '{clusterId}' is a standard cluster. Standard Deployments run on Astronomer's shared clusters, which cannot peer; " +
            "use Add-AstroAllowlist with the Deployment's external IPs.", clusterId)
        { RecommendedAction = "Use Add-AstroAllowlist with the Deployment's external IPs, or create a dedicated cluster to peer." };

        public static AstroNetworkException NotOnAzure(AstroCluster cluster) => new AstroNetworkException(
            "ClusterNotOnAzure", FailureKind.InvalidOperation,
            $"Cluster '{cluster.Name}' ({cluster.Id}) runs on {cluster.CloudProvider}; only clusters on AZURE can peer with an Azure VNet.", cluster.Id);

        public static AstroNetworkException NotPeerable(AstroCluster cluster) => new AstroNetworkException(
            "StandardClusterCannotPeer", FailureKind.InvalidOperation,
            $"Cluster '{cluster.Name}' ({cluster.Id}) is of type {cluster.Type ?? "unknown"}; only DEDICATED and HYBRID clusters can peer. " +
            "Standard Deployments run on Astronomer's shared clusters, which cannot peer; use Add-AstroAllowlist with the Deployment's external IPs.", cluster.Id);

        public static AstroNetworkException NoSubnetRange(AstroCluster cluster) => new AstroNetworkException(
            "ClusterSubnetRangeUnknown", FailureKind.InvalidData,
            $"Astro reports no valid vpcSubnetRange for cluster '{cluster.Name}' ({cluster.Id}) ('{cluster.VpcSubnetRange}'), so overlaps cannot be checked.", cluster.Id);

        public static AstroNetworkException Overlap(string clusterId, string clusterRange, string vnetRange, string where) => new AstroNetworkException(
            "AddressSpaceOverlap", FailureKind.InvalidOperation,
            $"The Astro cluster's range {clusterRange} overlaps {vnetRange} ({where}); peered address spaces must not overlap.", clusterId)
        { RecommendedAction = "Peer a VNet whose address space does not overlap the cluster's, or ask Astronomer support about the cluster's range." };

        public static AstroNetworkException WaitTimeout(string virtualNetworkId, string clusterId, System.TimeSpan timeout, string lastState) => new AstroNetworkException(
            "PeeringWaitTimeout", FailureKind.OperationTimeout,
            $"No Connected and FullyInSync peering from cluster {clusterId} to '{virtualNetworkId}' after {timeout}: {lastState}.", virtualNetworkId)
        { RecommendedAction = "Check the support ticket's status, then run Wait-AstroVnetPeering again (with a longer -Timeout)." };
    }
}

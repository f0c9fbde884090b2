using System;

namespace Astro.Network.Engine.RemoteExecution
{
    /// <summary>Every Remote Execution failure with its stable ErrorId, in one place so ids stay unique and documented.</summary>
    internal static class RemoteExecutionErrors
    {
        public static AstroNetworkException InvalidClusterId(string? input) => new AstroNetworkException(
            "InvalidClusterId", FailureKind.InvalidArgument,
            $"'{input}' is not an Astro cluster ID: it names the DNS record, so it must be 1 to 63 letters and digits (e.g. cm4azded000000000000000a1).", input);

        public static AstroNetworkException InvalidAlias(string? input) => new AstroNetworkException(
            "InvalidPrivateLinkServiceAlias", FailureKind.InvalidArgument,
            $"'{input}' is not a Private Link Service alias. Astronomer support gives one of the form <prefix>.<guid>.<region>.azure.privatelinkservice.", input);

        public static AstroNetworkException NoTarget() => new AstroNetworkException(
            "PrivateLinkServiceRequired", FailureKind.InvalidArgument,
            "Give the cluster's Private Link Service: -PrivateLinkServiceAlias (as Astronomer support sends it) or -PrivateLinkServiceId, not both.");

        public static AstroNetworkException InvalidName(string? input) => new AstroNetworkException(
            "InvalidPrivateEndpointName", FailureKind.InvalidArgument,
            $"'{input}' is not a valid private endpoint name: 2 to 80 letters, digits, '_', '.' or '-', starting with a letter or digit and ending with a letter, digit or '_'.", input);

        public static AstroNetworkException InvalidResourceGroup(string? input) => new AstroNetworkException(
            "InvalidResourceGroupName", FailureKind.InvalidArgument,
            $"'{input}' is not a valid resource group name (1 to 90 letters, digits, '_', '-', '.', '(' or ')', not ending in '.').", input);

        public static AstroNetworkException SubnetNotFound(string subnetId) => new AstroNetworkException(
            "SubnetNotFound", FailureKind.ObjectNotFound, $"The subnet '{subnetId}' does not exist (its VNet has no subnet of that name).", subnetId);

        public static AstroNetworkException EndpointTargetsOther(string endpointId, string target) => new AstroNetworkException(
            "PrivateEndpointExists", FailureKind.ResourceExists,
            $"The private endpoint '{endpointId}' already exists and connects to '{target}', not to the cluster's Private Link Service; it is left as it is.", endpointId)
        { RecommendedAction = "Choose another -Name, or remove that endpoint yourself if it is no longer used." };

        public static AstroNetworkException RecordConflict(string recordId, string addresses) => new AstroNetworkException(
            "DnsRecordConflict", FailureKind.ResourceExists,
            $"The DNS record '{recordId}' exists, was not made by Astro.Network and points at {addresses}; it is left as it is.", recordId)
        { RecommendedAction = "Point the record at the private endpoint's IP yourself, or delete it and run again." };

        public static AstroNetworkException NoAddress(string endpointId) => new AstroNetworkException(
            "PrivateEndpointAddressUnknown", FailureKind.InvalidData,
            $"The private endpoint '{endpointId}' reports no private IP address (neither customDnsConfigs nor its network interface), so no DNS record can point at it.", endpointId);

        public static AstroNetworkException Rejected(string endpointId, string status, string? description) => new AstroNetworkException(
            "PrivateEndpointRejected", FailureKind.InvalidOperation,
            $"The connection of '{endpointId}' is {status}{(string.IsNullOrEmpty(description) ? "" : ": " + description)}. Astronomer will not approve it as it is.", endpointId)
        { RecommendedAction = "Ask Astronomer support why, then remove the endpoint (Remove-AstroPrivateEndpoint) and create it again." };

        public static AstroNetworkException EndpointNotFound(string endpointId) => new AstroNetworkException(
            "PrivateEndpointNotFound", FailureKind.ObjectNotFound, $"The private endpoint '{endpointId}' does not exist.", endpointId);

        public static AstroNetworkException WaitTimeout(string endpointId, TimeSpan timeout, string status) => new AstroNetworkException(
            "PrivateEndpointWaitTimeout", FailureKind.OperationTimeout,
            $"The connection of '{endpointId}' is still {status} after {timeout}.", endpointId)
        { RecommendedAction = "Check the support ticket's status, then run Wait-AstroPrivateEndpoint again (with a longer -Timeout)." };

        public static AstroNetworkException InvalidWait() => new AstroNetworkException(
            "InvalidWaitOptions", FailureKind.InvalidArgument, "Timeout and PollInterval must be positive.");
    }
}

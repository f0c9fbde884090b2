using System;
using System.Text.RegularExpressions;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.RemoteExecution
{
    /// <summary>
    /// The validated input of one Remote Execution endpoint and every ID derived from it: the endpoint next to its subnet's
    /// VNet, the zone external.astronomer.run in the DNS resource group, the A record named after the cluster ID.
    /// All checks are syntax only, so bad input fails before any request.
    /// </summary>
    internal sealed class RemoteExecutionTarget
    {
        public const string ZoneName = "external.astronomer.run";
        public const string OwnerTag = "astro-network-remote-execution";   // on the endpoint, zone and link: the cluster ID
        public const string OwnerMetadata = "astroNetworkRemoteExecution"; // on the record (records take metadata, not tags)

        private static readonly Regex ClusterIdPattern = new Regex("^[a-z0-9]{1,63}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        // Microsoft Learn, "Private Link Service alias": {prefix}.{GUID}.{region}.azure.privatelinkservice.
        private static readonly Regex AliasPattern = new Regex(
            "^[a-z0-9][a-z0-9_.-]{0,79}\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[a-z0-9]+\\.azure\\.privatelinkservice$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        // Microsoft Learn, naming rules for Microsoft.Network: privateEndpoints 2-80, alphanumerics, '_', '.', '-'.
        private static readonly Regex NamePattern = new Regex("^[a-z0-9][a-z0-9_.-]{0,78}[a-z0-9_]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        private static readonly Regex GroupPattern = new Regex("^[-\\w._()]{0,89}[-\\w_()]$", RegexOptions.CultureInvariant);

        private RemoteExecutionTarget(string clusterId, ResourceId subnet, string name, string dnsResourceGroup)
        {
            ClusterId = clusterId;
            SubnetId = subnet.Id;
            VirtualNetworkId = subnet.Parent!.Id;
            VirtualNetworkName = subnet.Parent.Name;
            SubscriptionId = subnet.SubscriptionId!;
            Name = name;
            DnsResourceGroup = dnsResourceGroup;
            EndpointId = $"/subscriptions/{SubscriptionId}/resourceGroups/{subnet.ResourceGroupName}/providers/Microsoft.Network/privateEndpoints/{name}";
            ZoneId = $"/subscriptions/{SubscriptionId}/resourceGroups/{dnsResourceGroup}/providers/Microsoft.Network/privateDnsZones/{ZoneName}";
        }

        public string ClusterId { get; }
        public string SubnetId { get; }
        public string VirtualNetworkId { get; }
        public string VirtualNetworkName { get; }
        public string SubscriptionId { get; }
        public string Name { get; }
        public string DnsResourceGroup { get; }
        public string EndpointId { get; }
        public string ZoneId { get; }
        public string RecordId => ZoneId + "/A/" + ClusterId;
        public string HostName => ClusterId + "." + ZoneName;

        /// <summary>The link this module makes for the VNet (an existing link to the VNet under any name is used instead).</summary>
        public string LinkId => ZoneId + "/virtualNetworkLinks/" + Truncate("astro-" + VirtualNetworkName, 80);

        /// <summary>Null <paramref name="name"/>: pe-astro-&lt;clusterId&gt;; null <paramref name="dnsResourceGroup"/>: the subnet's resource group.</summary>
        public static RemoteExecutionTarget Parse(string? clusterId, string? subnetId, string? name, string? dnsResourceGroup)
        {
            var cluster = clusterId?.Trim() ?? "";
            if (!ClusterIdPattern.IsMatch(cluster))
            {
                throw RemoteExecutionErrors.InvalidClusterId(clusterId);
            }

            // DNS names are case-insensitive and Private DNS lowercases record names; keep one spelling.
            cluster = cluster.ToLowerInvariant();
            var subnet = ResourceId.Parse(subnetId).RequireType("Microsoft.Network/virtualNetworks/subnets");
            if (subnet.SubscriptionId == null || subnet.ResourceGroupName == null)
            {
                throw new AstroNetworkException("InvalidResourceId", FailureKind.InvalidArgument, $"'{subnetId}' names no subscription and resource group.", subnetId);
            }

            var endpointName = string.IsNullOrWhiteSpace(name) ? "pe-astro-" + cluster : name!.Trim();
            if (!NamePattern.IsMatch(endpointName))
            {
                throw RemoteExecutionErrors.InvalidName(name);
            }

            var group = string.IsNullOrWhiteSpace(dnsResourceGroup) ? subnet.ResourceGroupName : dnsResourceGroup!.Trim();
            if (!GroupPattern.IsMatch(group))
            {
                throw RemoteExecutionErrors.InvalidResourceGroup(dnsResourceGroup);
            }

            return new RemoteExecutionTarget(cluster, subnet, endpointName, group);
        }

        /// <summary>An alias as given (trimmed), or a Private Link Service resource ID in canonical form; exactly one of the two.</summary>
        public static string ParseService(string? alias, string? serviceId)
        {
            var hasAlias = !string.IsNullOrWhiteSpace(alias);
            if (hasAlias == !string.IsNullOrWhiteSpace(serviceId))
            {
                throw RemoteExecutionErrors.NoTarget();
            }

            if (hasAlias)
            {
                return AliasPattern.IsMatch(alias!.Trim()) ? alias.Trim() : throw RemoteExecutionErrors.InvalidAlias(alias);
            }

            return ResourceId.Parse(serviceId).RequireType("Microsoft.Network/privateLinkServices").Id;
        }

        private static string Truncate(string text, int length) => text.Length <= length ? text : text.Substring(0, length);
    }
}

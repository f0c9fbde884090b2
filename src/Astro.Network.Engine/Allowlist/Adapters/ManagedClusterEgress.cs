using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// The addresses an AKS cluster's own nodes leave from, checked against its authorized IP ranges: nodes and in-cluster
    /// tools that reach the API server's public endpoint from an unlisted address lose it (Learn:
    /// api-server-authorized-ip-ranges). Load balancer and managed NAT gateway egress name public IP resources
    /// (effectiveOutboundIPs), read one GET each; other outbound types (user-defined routing through a firewall, a
    /// user-assigned NAT gateway) cannot be read from the cluster, so the warning says what to check.
    /// </summary>
    internal static class ManagedClusterEgress
    {
        public static async Task<IReadOnlyList<string>> WarningsAsync(IArmJsonClient arm, JsonObject cluster, IReadOnlyList<FirewallEntry> entries, CancellationToken ct)
        {
            var network = JsonNodes.At(cluster, new[] { "properties", "networkProfile" });
            var outboundType = JsonNodes.Text(network, "outboundType") ?? "loadBalancer";
            var ids = new[] { "loadBalancerProfile", "natGatewayProfile" }
                .SelectMany(profile => (network?[profile]?["effectiveOutboundIPs"] as JsonArray ?? new JsonArray()).Select(ip => JsonNodes.Text(ip, "id")))
                .Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (ids.Count == 0)
            {
                return outboundType.Equals("loadBalancer", StringComparison.OrdinalIgnoreCase) || outboundType.Equals("managedNATGateway", StringComparison.OrdinalIgnoreCase)
                    ? Array.Empty<string>()
                    : new[] { $"The cluster's egress goes through {outboundType}: the public IP its nodes leave from (firewall or NAT gateway) cannot be read here. If it is not in authorizedIPRanges, nodes that use the API server's public endpoint lose it." };
            }

            var missing = new List<string>();
            var unreadable = new List<string>();
            foreach (var id in ids)
            {
                var address = await AddressAsync(arm, id, ct).ConfigureAwait(false);
                if (address == null)
                {
                    unreadable.Add(id);
                }
                else if (!entries.Any(e => e.Covers.Any(c => c.Contains(address))))
                {
                    missing.Add(address.ToString());
                }
            }

            var warnings = new List<string>();
            if (missing.Count > 0)
            {
                warnings.Add($"The cluster's own outbound IPs {string.Join(", ", missing)} are not in authorizedIPRanges: nodes that use the API server's public endpoint from them lose it once the list restricts access. Add them if they need it.");
            }

            if (unreadable.Count > 0)
            {
                warnings.Add($"The cluster's outbound public IPs could not be read ({string.Join(", ", unreadable)}): check that their addresses are in authorizedIPRanges, or nodes may lose the API server.");
            }

            return warnings;
        }

        private static async Task<IpRange?> AddressAsync(IArmJsonClient arm, string publicIpId, CancellationToken ct)
        {
            try
            {
                var ip = await arm.GetAsync(publicIpId, ApiVersions.Network, ct).ConfigureAwait(false);
                return IpRange.TryParseLenient(JsonNodes.Text(ip?.Body["properties"], "ipAddress"));
            }
            catch (AstroNetworkException ex) when (ex.Kind == FailureKind.PermissionDenied || ex.Kind == FailureKind.InvalidArgument || ex.Kind == FailureKind.ObjectNotFound)
            {
                return null;
            }
        }
    }
}

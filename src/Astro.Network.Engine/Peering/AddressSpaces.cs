using System.Collections.Generic;
using System.Linq;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.Peering
{
    /// <summary>A prefix of the customer side that overlaps the cluster's range, and where it was found.</summary>
    internal sealed class AddressOverlap
    {
        public AddressOverlap(string prefix, string where)
        {
            Prefix = prefix;
            Where = where;
        }

        public string Prefix { get; }

        public string Where { get; }
    }

    /// <summary>Address-space rules of a peering: the cluster's vpcSubnetRange must not overlap the VNet nor anything peered to it.</summary>
    internal static class AddressSpaces
    {
        /// <summary>The cluster's vpcSubnetRange, or null when Astro reports none that parses.</summary>
        public static IpRange? ClusterRange(AstroCluster cluster) => IpRange.TryParseLenient(cluster.VpcSubnetRange);

        public static bool Contains(IEnumerable<string> prefixes, IpRange range) =>
            prefixes.Select(IpRange.TryParseLenient).Any(p => p != null && p.Contains(range));

        /// <summary>VNet prefixes overlapping the cluster's range.</summary>
        public static IReadOnlyList<AddressOverlap> InVirtualNetwork(IpRange range, PeeringTarget target) =>
            Overlapping(range, target.AddressPrefixes).Select(p => new AddressOverlap(p, "address space of " + target.VirtualNetworkName)).ToList();

        /// <summary>Remote spaces of existing peerings overlapping the range, except the cluster's own peering (it contains the range).</summary>
        public static IReadOnlyList<AddressOverlap> InPeerings(IpRange range, PeeringTarget target) =>
            target.Peerings
                .Where(p => !Contains(p.RemoteAddressPrefixes, range))
                .SelectMany(p => Overlapping(range, p.RemoteAddressPrefixes).Select(prefix => new AddressOverlap(prefix, "peered through " + p.Name)))
                .ToList();

        /// <summary>Throws AddressSpaceOverlap (naming both CIDRs) for the first overlap; ClusterSubnetRangeUnknown without a range.</summary>
        public static void EnsureNoOverlap(AstroCluster cluster, PeeringTarget target)
        {
            var range = ClusterRange(cluster) ?? throw PeeringErrors.NoSubnetRange(cluster);
            var overlap = InVirtualNetwork(range, target).Concat(InPeerings(range, target)).FirstOrDefault();
            if (overlap != null)
            {
                throw PeeringErrors.Overlap(cluster.Id, range.ToCidrString(), overlap.Prefix, overlap.Where);
            }
        }

        private static IEnumerable<string> Overlapping(IpRange range, IEnumerable<string> prefixes) =>
            prefixes.Where(p => IpRange.TryParseLenient(p) is { } parsed && parsed.Overlaps(range));
    }
}

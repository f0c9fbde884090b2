using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>Checks requested ranges against a resource type's rules before anything is read or written.</summary>
    internal static class AllowlistRules
    {
        // No Azure firewall ever sees these as a client address; allowing them is always a mistake.
        private static readonly IpClassification[] NeverRoutable =
        {
            IpClassification.Loopback, IpClassification.LinkLocal, IpClassification.Multicast, IpClassification.Reserved,
        };

        /// <summary>Options a write on this resource cannot do without (NSG: the port); throws before anything is read.</summary>
        public static void CheckOptions(IFirewallAdapter adapter, ArmResourceId resource, FirewallOptions options)
        {
            if (adapter.Capabilities.RequiresPort && options.Port == null)
            {
                throw AllowlistErrors.PortRequired(resource);
            }
        }

        /// <summary>Parses, validates and de-duplicates (keeping first-seen order) the requested IPs, each with its owner.</summary>
        public static IReadOnlyList<OwnedRange> ParseAndValidate(IReadOnlyList<string> inputs, IReadOnlyList<string> owners, string resourceType, AllowlistCapabilities capabilities)
        {
            var result = new List<OwnedRange>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var range = IpRange.Parse(inputs[i]);
                Validate(range, resourceType, capabilities);
                var owner = EntryOwners.ForSource(i < owners.Count ? owners[i] : null);
                if (!result.Any(r => r.Range.Equals(range) && r.Owner == owner))
                {
                    result.Add(new OwnedRange(range, owner));
                }
            }

            return result;
        }

        public static void Validate(IpRange range, string resourceType, AllowlistCapabilities capabilities)
        {
            var kind = range.Classification;
            if (NeverRoutable.Contains(kind))
            {
                throw AllowlistErrors.NonRoutable(range);
            }

            if (range.IsIPv6 && !capabilities.SupportsIPv6)
            {
                throw AllowlistErrors.Rejected("IPv6NotSupported", range, resourceType, "the service accepts IPv4 only.");
            }

            if (capabilities.RejectedClasses.Contains(kind))
            {
                throw AllowlistErrors.Rejected("PrivateIpNotAllowed", range, resourceType,
                    capabilities.RejectedClassesReason ?? $"{kind} addresses are refused.");
            }

            if (range.IsIPv4 && !range.IsSingleHost && capabilities.RejectedIPv4Prefixes.Contains(range.PrefixLength))
            {
                throw AllowlistErrors.Rejected("PrefixNotSupported", range, resourceType,
                    $"/{range.PrefixLength} ranges are refused; list the single addresses instead.");
            }
        }
    }
}

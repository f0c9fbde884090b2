using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Whether an existing NSG rule may match traffic an Astro rule would admit (same protocol, a shared destination port,
    /// source and destination). Anything that cannot be compared exactly (service tags, application security groups,
    /// unparsable text) counts as overlapping: a Deny rule is then kept in front of the Astro rule rather than pre-empted.
    /// </summary>
    internal static class NsgRuleOverlap
    {
        public static bool Overlaps(JsonNode? rule, IReadOnlyList<IpRange> sources, FirewallOptions options)
        {
            var protocol = JsonNodes.Text(rule, "protocol") ?? "*";
            if (protocol != "*" && options.Protocol != "*" && !string.Equals(protocol, options.Protocol, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            var ports = Values(rule, "destinationPortRange");
            if (ports.Count > 0 && !ports.Any(p => PortsOverlap(p, options.Port ?? "*")))
            {
                return false;
            }

            var destination = options.DestinationRange;
            return AddressesOverlap(rule, "source", sources) && (destination == null || AddressesOverlap(rule, "destination", new[] { destination }));
        }

        private static bool AddressesOverlap(JsonNode? rule, string side, IReadOnlyList<IpRange> ours)
        {
            if (rule?[side + "ApplicationSecurityGroups"] is JsonArray { Count: > 0 })
            {
                return true;
            }

            var theirs = Values(rule, side + "AddressPrefix");
            return theirs.Count == 0 || theirs.Any(text => text == "*" || IpRange.TryParseLenient(text) is not { } range
                || ours.Any(o => o.IsIPv6 == range.IsIPv6 && o.Overlaps(range)));
        }

        /// <summary>The single field and its plural ("sourceAddressPrefix" + "sourceAddressPrefixes"), non-empty values only.</summary>
        private static IReadOnlyList<string> Values(JsonNode? rule, string single) =>
            new[] { JsonNodes.Text(rule, single) }.Concat(JsonNodes.Strings(rule?[single + "s"]).Select(s => (string?)s))
                .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList();

        private static bool PortsOverlap(string a, string b)
        {
            if (Interval(a) is not { } x || Interval(b) is not { } y)
            {
                return true;
            }

            return x.From <= y.To && y.From <= x.To;
        }

        /// <summary>"443" or "8000-8080" as an interval; "*" is every port; null when not parseable.</summary>
        private static (int From, int To)? Interval(string text)
        {
            if (text == "*")
            {
                return (0, 65535);
            }

            var parts = text.Split('-');
            var values = parts.Select(p => int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
            if (parts.Length > 2 || values.Any(v => v < 0))
            {
                return null;
            }

            return (values[0], values[values.Length - 1]);
        }
    }
}

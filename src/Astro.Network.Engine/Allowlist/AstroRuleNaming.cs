using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// Names of the entries the module creates. "astro-" + the address with '.' and ':' as '-' (+ "-prefix" for a
    /// network): letters, digits and '-' only, so one form satisfies SQL, PostgreSQL (^[-\w\._]+$) and MySQL
    /// (^[a-zA-Z0-9][-_a-zA-Z0-9]{0,79}(?&lt;!-)$, no dots) rule names.
    /// </summary>
    internal static class AstroRuleNaming
    {
        public const string Prefix = "astro-";
        public const string Description = "Managed by Astro.Network: Astronomer Astro egress IP";

        public static string For(IpRange range)
        {
            var name = Prefix + range.NetworkAddress.Replace('.', '-').Replace(':', '-');
            if (!range.IsSingleHost)
            {
                name += "-" + range.PrefixLength.ToString(CultureInfo.InvariantCulture);
            }

            // "2001:db8::" would end in '-', which MySQL-style names forbid.
            return name.EndsWith("-", StringComparison.Ordinal) ? name + "0" : name;
        }

        /// <summary>A name for <paramref name="range"/> not used by any existing entry (never overwrite a rule by name).</summary>
        public static string UniqueFor(IpRange range, IEnumerable<string?> existingNames)
        {
            var taken = new HashSet<string>(existingNames.Where(n => n != null).Select(n => n!), StringComparer.OrdinalIgnoreCase);
            var name = For(range);
            for (var i = 2; taken.Contains(name); i++)
            {
                name = For(range) + "-" + i.ToString(CultureInfo.InvariantCulture);
            }

            return name;
        }

        public static bool IsAstroName(string? name) => name != null && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// NSG: one rule per destination port and address family (Azure refuses IPv4 and IPv6 prefixes in one rule):
        /// "astro-allow-443" and "astro-allow-443-ipv6"; "astro-allow[-ipv6]" for every port (-Port *).
        /// </summary>
        public static string NsgRuleName(FirewallOptions options, bool ipv6) =>
            (options.Port == null || options.Port == "*" ? Prefix + "allow" : Prefix + "allow-" + options.Port) + (ipv6 ? "-ipv6" : "");
    }
}

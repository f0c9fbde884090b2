using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// Names and descriptions of the entries the module creates, which carry their owner on named types:
    /// "astro-{owner}-{address}" with '.' and ':' as '-' (+ "-{prefix}" for a network): letters, digits and '-' only, so
    /// one form satisfies SQL, PostgreSQL (^[-\w\._]+$) and MySQL (^[a-zA-Z0-9][-_a-zA-Z0-9]{0,79}(?&lt;!-)$, no dots).
    /// "astro-{address}" (no owner) is what versions before source ownership wrote: <see cref="EntryOwners.Legacy"/>.
    /// </summary>
    internal static class AstroRuleNaming
    {
        public const string Prefix = "astro-";

        /// <summary>The description earlier versions wrote (App Service, NSG): their entries are <see cref="EntryOwners.Legacy"/>.</summary>
        public const string LegacyDescription = "Managed by Astro.Network: Astronomer Astro egress IP";

        private const string DescriptionPrefix = "Managed by Astro.Network for Astro source ";

        private static readonly Regex OwnedDescription = new Regex(
            "^" + Regex.Escape(DescriptionPrefix) + "(?<owner>" + EntryOwners.Pattern + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>The address part of a name: "20-1-2-3", "20-1-2-0-24", "2001-db8--0-64".</summary>
        private static string AddressPart(IpRange range)
        {
            var part = range.NetworkAddress.Replace('.', '-').Replace(':', '-');
            if (!range.IsSingleHost)
            {
                part += "-" + range.PrefixLength.ToString(CultureInfo.InvariantCulture);
            }

            // "2001:db8::" would end in '-', which MySQL-style names forbid.
            return part.EndsWith("-", StringComparison.Ordinal) ? part + "0" : part;
        }

        /// <summary>
        /// "astro-{owner}-{address}"; null owner gives the earlier versions' "astro-{address}". <paramref name="separator"/> '_'
        /// spells it for services whose rule names take letters, digits and underscores only (Azure Cache for Redis).
        /// </summary>
        public static string For(IpRange range, string? owner = null, char separator = '-') =>
            (Prefix + (owner == null ? "" : owner + "-") + AddressPart(range)).Replace('-', separator);

        /// <summary>A name for <paramref name="range"/> not used by any existing entry (never overwrite a rule by name).</summary>
        public static string UniqueFor(IpRange range, string? owner, IEnumerable<string?> existingNames, char separator = '-')
        {
            var taken = new HashSet<string>(existingNames.Where(n => n != null).Select(n => n!), StringComparer.OrdinalIgnoreCase);
            var name = For(range, owner, separator);
            for (var i = 2; taken.Contains(name); i++)
            {
                name = For(range, owner, separator) + separator + i.ToString(CultureInfo.InvariantCulture);
            }

            return name;
        }

        /// <summary>
        /// The owner a rule name records for an entry of <paramref name="range"/>: the source in "astro-{owner}-{address}[-n]",
        /// <see cref="EntryOwners.Legacy"/> for "astro-{address}[-n]", null for any other name ("astro-office" is a person's).
        /// With another <paramref name="separator"/> no earlier version wrote such names, so only the owned form counts.
        /// </summary>
        public static string? OwnerOfName(string? name, IpRange? range, char separator = '-')
        {
            if (separator != '-' && name != null)
            {
                var owner = name.IndexOf('-') >= 0 ? null : OwnerOfName(name.Replace(separator, '-'), range);
                return owner == EntryOwners.Legacy ? null : owner;
            }

            if (name == null || range == null || !name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var match = Regex.Match(name.Substring(Prefix.Length),
                "^(?:(?<owner>" + EntryOwners.Pattern + ")-)??" + Regex.Escape(AddressPart(range)) + "(?:-[0-9]+)?$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (!match.Success)
            {
                return null;
            }

            return match.Groups["owner"].Success ? EntryOwners.Normalize(match.Groups["owner"].Value) : EntryOwners.Legacy;
        }

        /// <summary>The description of an entry or rule the module makes for <paramref name="owner"/>.</summary>
        public static string Description(string owner) => DescriptionPrefix + owner;

        /// <summary>The owner a description records: the source, <see cref="EntryOwners.Legacy"/> for earlier versions' text, else null.</summary>
        public static string? OwnerOfDescription(string? description)
        {
            if (description == null)
            {
                return null;
            }

            if (string.Equals(description, LegacyDescription, StringComparison.Ordinal))
            {
                return EntryOwners.Legacy;
            }

            var match = OwnedDescription.Match(description);
            return match.Success ? EntryOwners.Normalize(match.Groups["owner"].Value) : null;
        }

        /// <summary>
        /// NSG: one rule per owner, destination port and address family (Azure refuses IPv4 and IPv6 prefixes in one rule):
        /// "astro-{owner}-allow-443" and "astro-{owner}-allow-443-ipv6"; "…-allow[-ipv6]" for every port (-Port *).
        /// A null owner gives the earlier versions' "astro-allow-443".
        /// </summary>
        public static string NsgRuleName(string? owner, FirewallOptions options, bool ipv6) =>
            Prefix + (owner == null ? "" : owner + "-") + "allow" + PortPart(options) + (ipv6 ? "-ipv6" : "");

        /// <summary>The owner an NSG rule name records for the options' port, or null when the name is not an Astro rule for it.</summary>
        public static string? NsgOwnerOfRule(string? name, FirewallOptions options, out bool ipv6)
        {
            ipv6 = false;
            if (name == null)
            {
                return null;
            }

            var match = Regex.Match(name,
                "^" + Regex.Escape(Prefix) + "(?:(?<owner>" + EntryOwners.Pattern + ")-)?allow" + Regex.Escape(PortPart(options)) + "(?<v6>-ipv6)?$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            if (!match.Success)
            {
                return null;
            }

            ipv6 = match.Groups["v6"].Success;
            return match.Groups["owner"].Success ? EntryOwners.Normalize(match.Groups["owner"].Value) : EntryOwners.Legacy;
        }

        private static string PortPart(FirewallOptions options) =>
            options.Port == null || options.Port == "*" ? "" : "-" + options.Port;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>One entry of a resource firewall, as read (Raw kept byte-for-byte for write-back) or to be created.</summary>
    internal sealed class FirewallEntry
    {
        private static readonly IReadOnlyList<IpRange> None = Array.Empty<IpRange>();

        public FirewallEntry(string value, IpRange? range, IReadOnlyList<IpRange>? covers, string? name, JsonNode item, bool isNew = false,
            IEnumerable<string>? owners = null)
        {
            Owners = owners == null ? Array.Empty<string>() : owners.ToArray();
            Value = value;
            Range = range;
            Covers = covers ?? (range == null ? None : new[] { range });
            Name = name;
            Item = item;
            IsNew = isNew;
        }

        /// <summary>Canonical text when the entry is one range, otherwise the service's own text (e.g. "1.0.0.0-255.0.0.0").</summary>
        public string Value { get; }

        /// <summary>The entry's identity for add/remove; null when it is not exactly one CIDR block (such entries are never touched).</summary>
        public IpRange? Range { get; }

        /// <summary>The addresses the entry allows, for Test.</summary>
        public IReadOnlyList<IpRange> Covers { get; }

        /// <summary>Rule name where the service has one.</summary>
        public string? Name { get; }

        /// <summary>The JSON item as the service holds it (for new entries: as it will be written).</summary>
        public JsonNode Item { get; }

        public bool IsNew { get; }

        /// <summary>Who the entry belongs to (<see cref="EntryOwners"/>): one owner on named types, any number where a record keeps them; empty: not the module's.</summary>
        public IReadOnlyList<string> Owners { get; }

        /// <summary>The same entry (same item, same identity for writes) with other owners.</summary>
        public FirewallEntry WithOwners(IEnumerable<string> owners) => new FirewallEntry(Value, Range, Covers, Name, Item, IsNew, owners);

        public string Raw => Item.ToJsonString();

        /// <summary>Entry for a single value text: parseable ones get a range, others stay opaque.</summary>
        public static FirewallEntry FromText(string? text, string? name, JsonNode item, bool isNew = false, string? owner = null)
        {
            var range = IpRange.TryParseLenient(text);
            return new FirewallEntry(range?.ToString() ?? text ?? string.Empty, range, null, name, item, isNew, Single(range == null ? null : owner));
        }

        /// <summary>
        /// Entry for an IPv4 start/end pair (SQL-style rules): a range when it is exactly one CIDR block. Owners come from the
        /// rule name (<see cref="AstroRuleNaming.OwnerOfName"/>, spelt with <paramref name="separator"/>).
        /// </summary>
        public static FirewallEntry FromStartEnd(string? start, string? end, string? name, JsonNode item, char separator = '-')
        {
            var blocks = IpRange.FromIPv4StartEnd(start, end);
            if (blocks != null && blocks.Count == 1)
            {
                return new FirewallEntry(blocks[0].ToString(), blocks[0], null, name, item, owners: Single(AstroRuleNaming.OwnerOfName(name, blocks[0], separator)));
            }

            return new FirewallEntry($"{start}-{end}", null, blocks ?? None, name, item);
        }

        private static string[]? Single(string? owner) => owner == null ? null : new[] { owner };

        public override string ToString() => Name == null ? Value : $"{Name}: {Value}";
    }
}

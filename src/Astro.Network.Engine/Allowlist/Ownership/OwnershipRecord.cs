using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// The ownership record of types whose entries carry no name (Storage, Key Vault, Cosmos DB, ACR, Event Hubs,
    /// Service Bus, AKS): resource tags "astro-network:{owner}" whose value lists the owner's entries ("20.1.2.3,20.1.4.0/24"),
    /// continued in "astro-network:{owner}:2"… past Azure's 256-character tag values. One tag per owner, so two sources
    /// never write the same tag, and a Merge through Microsoft.Resources/tags/default changes nothing else on the resource.
    /// </summary>
    internal static class OwnershipRecord
    {
        public const string TagPrefix = "astro-network:";

        /// <summary>Azure's limit on a tag value.</summary>
        private const int MaxValueLength = 256;

        /// <summary>Owner -> ranges, from a resource's tags (any other tag is ignored; unreadable parts are skipped).</summary>
        public static IReadOnlyDictionary<string, HashSet<IpRange>> Read(JsonObject? tags)
        {
            var record = new Dictionary<string, HashSet<IpRange>>(StringComparer.OrdinalIgnoreCase);
            foreach (var tag in OwnTags(tags))
            {
                var (name, value) = (tag.Key, tag.Value);
                var owner = OwnerOf(name);
                if (owner == null)
                {
                    continue;
                }

                if (!record.TryGetValue(owner, out var ranges))
                {
                    record[owner] = ranges = new HashSet<IpRange>();
                }

                foreach (var part in value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (IpRange.TryParseLenient(part.Trim()) is { } range)
                    {
                        ranges.Add(range);
                    }
                }
            }

            return record;
        }

        /// <summary>The record's own tags as they are on the resource (name -> value).</summary>
        public static IReadOnlyDictionary<string, string> OwnTags(JsonObject? tags)
        {
            var own = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in tags ?? new JsonObject())
            {
                if (pair.Key.StartsWith(TagPrefix, StringComparison.OrdinalIgnoreCase) && pair.Value is JsonValue v && v.TryGetValue(out string? text))
                {
                    own[pair.Key] = text ?? "";
                }
            }

            return own;
        }

        /// <summary>The tags that record <paramref name="owners"/> (owner -> ranges), in a stable order.</summary>
        public static IReadOnlyDictionary<string, string> Tags(IEnumerable<KeyValuePair<string, IReadOnlyCollection<IpRange>>> owners)
        {
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var owner in owners.Where(o => o.Value.Count > 0).OrderBy(o => o.Key, StringComparer.Ordinal))
            {
                var chunk = new StringBuilder();
                var part = 1;
                foreach (var text in owner.Value.Select(r => r.ToString()).OrderBy(t => t, StringComparer.Ordinal))
                {
                    if (chunk.Length > 0 && chunk.Length + 1 + text.Length > MaxValueLength)
                    {
                        tags[TagName(owner.Key, part++)] = chunk.ToString();
                        chunk.Clear();
                    }

                    chunk.Append(chunk.Length > 0 ? "," : "").Append(text);
                }

                tags[TagName(owner.Key, part)] = chunk.ToString();
            }

            return tags;
        }

        /// <summary>Owner -> ranges as the entries say (each entry's owners).</summary>
        public static IReadOnlyList<KeyValuePair<string, IReadOnlyCollection<IpRange>>> OwnersOf(IEnumerable<FirewallEntry> entries) =>
            entries.Where(e => e.Range != null)
                .SelectMany(e => e.Owners.Select(o => (Owner: o, Range: e.Range!)))
                .GroupBy(p => p.Owner, StringComparer.OrdinalIgnoreCase)
                .Select(g => new KeyValuePair<string, IReadOnlyCollection<IpRange>>(g.Key, g.Select(p => p.Range).Distinct().ToList()))
                .ToList();

        /// <summary>The entries with the owners the record gives them (an entry the record does not name has none).</summary>
        public static IReadOnlyList<FirewallEntry> Annotate(IReadOnlyList<FirewallEntry> entries, JsonObject? tags)
        {
            var record = Read(tags);
            return entries.Select(e => e.WithOwners(e.Range == null
                ? Array.Empty<string>()
                : record.Where(o => o.Value.Contains(e.Range)).Select(o => o.Key).OrderBy(o => o, StringComparer.Ordinal))).ToList();
        }

        private static string TagName(string owner, int part) => TagPrefix + owner + (part > 1 ? ":" + part : "");

        private static string? OwnerOf(string tagName)
        {
            var rest = tagName.Substring(TagPrefix.Length);
            var colon = rest.IndexOf(':');
            var owner = colon < 0 ? rest : rest.Substring(0, colon);
            return owner.Length == 0 ? null : EntryOwners.Normalize(owner);
        }
    }
}

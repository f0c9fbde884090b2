using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>Pure read-merge planning: no I/O, deterministic, shared by every resource type.</summary>
    internal static class AllowlistPlanner
    {
        /// <param name="current">Entries as read.</param>
        /// <param name="operation">Add, Remove or Sync.</param>
        /// <param name="requested">Add/Remove: the IPs to add or remove. Sync: the desired set (Astro's current IPs).</param>
        /// <param name="alsoOwned">Sync only: more IPs known to be Astro's (passed explicitly), removed unless requested.</param>
        /// <param name="namesEntries">Whether ownership is stored in entry names.</param>
        /// <param name="createEntry">Builds a new entry for a range, given the entries it will join (for unique names).</param>
        public static AllowlistPlan Plan(
            IReadOnlyList<FirewallEntry> current,
            AllowlistOperation operation,
            IReadOnlyList<IpRange> requested,
            IReadOnlyList<IpRange> alsoOwned,
            bool namesEntries,
            Func<IpRange, IReadOnlyList<FirewallEntry>, FirewallEntry> createEntry)
        {
            // Ownership, decided here for every type:
            // - named entries: Astro's exactly when the name carries the "astro-" prefix (the module wrote it);
            // - unnamed entries (Storage, Key Vault, Cosmos, ACR, Event Hubs/Service Bus, AKS): the resource cannot
            //   record an owner, so Astro's entries are exactly those equal to the IPs Astro reports now or that the
            //   caller passed explicitly (requested + alsoOwned). Anything else is never removed.
            var ownedRanges = new HashSet<IpRange>(requested.Concat(alsoOwned));
            bool IsOwned(FirewallEntry e) => e.Range != null
                && (namesEntries ? AstroRuleNaming.IsAstroName(e.Name) : ownedRanges.Contains(e.Range));

            var after = current.ToList();
            var added = new List<FirewallEntry>();
            var removed = new List<FirewallEntry>();
            var alreadyPresent = new List<IpRange>();
            var notPresent = new List<IpRange>();

            if (operation == AllowlistOperation.Add || operation == AllowlistOperation.Sync)
            {
                foreach (var range in requested)
                {
                    if (current.Any(e => range.Equals(e.Range)))
                    {
                        alreadyPresent.Add(range);
                        continue;
                    }

                    var entry = createEntry(range, after);
                    after.Add(entry);
                    added.Add(entry);
                }
            }

            if (operation == AllowlistOperation.Remove)
            {
                foreach (var range in requested)
                {
                    var matches = current.Where(e => range.Equals(e.Range) && IsOwned(e)).ToList();
                    if (matches.Count == 0)
                    {
                        notPresent.Add(range);
                    }

                    removed.AddRange(matches);
                }
            }

            if (operation == AllowlistOperation.Sync)
            {
                var desired = new HashSet<IpRange>(requested);
                removed.AddRange(current.Where(e => IsOwned(e) && !desired.Contains(e.Range!)));
                notPresent.AddRange(alsoOwned.Where(r => !desired.Contains(r) && !current.Any(e => r.Equals(e.Range))).Distinct());
            }

            after.RemoveAll(e => removed.Contains(e));
            return new AllowlistPlan(operation, after, added, removed, alreadyPresent, notPresent);
        }
    }
}

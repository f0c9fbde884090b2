using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>The outcome of planning: the full entry list to write and what changes, computed before any write.</summary>
    internal sealed class AllowlistPlan
    {
        public AllowlistPlan(
            AllowlistOperation operation,
            IReadOnlyList<FirewallEntry> entriesAfter,
            IReadOnlyList<FirewallEntry> addedEntries,
            IReadOnlyList<FirewallEntry> removedEntries,
            IReadOnlyList<IpRange> alreadyPresent,
            IReadOnlyList<IpRange> notPresent)
        {
            Operation = operation;
            EntriesAfter = entriesAfter;
            AddedEntries = addedEntries;
            RemovedEntries = removedEntries;
            AlreadyPresent = alreadyPresent;
            NotPresent = notPresent;
        }

        public AllowlistOperation Operation { get; }

        /// <summary>Existing entries kept as read and in order, then the new ones appended.</summary>
        public IReadOnlyList<FirewallEntry> EntriesAfter { get; }

        public IReadOnlyList<FirewallEntry> AddedEntries { get; }
        public IReadOnlyList<FirewallEntry> RemovedEntries { get; }
        public IReadOnlyList<IpRange> AlreadyPresent { get; }
        public IReadOnlyList<IpRange> NotPresent { get; }

        public IReadOnlyList<IpRange> Added => AddedEntries.Select(e => e.Range!).ToList();
        public IReadOnlyList<IpRange> Removed => RemovedEntries.Select(e => e.Range!).Distinct().ToList();

        /// <summary>False means the resource already is as asked: nothing is written.</summary>
        public bool HasChanges => AddedEntries.Count > 0 || RemovedEntries.Count > 0;
    }
}

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
            IReadOnlyList<IpRange> notPresent,
            IReadOnlyList<string>? kept = null,
            bool ownersChanged = false,
            IReadOnlyList<string>? ownerChanges = null)
        {
            OwnerChanges = ownerChanges ?? new string[0];
            Kept = kept ?? new string[0];
            OwnersChanged = ownersChanged;
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

        /// <summary>Entries at the asked IPs left in place because another source, a person or an earlier version owns them, with why.</summary>
        public IReadOnlyList<string> Kept { get; }

        /// <summary>Where a record keeps owners: whether the record must change (claims added or dropped, entries added or removed).</summary>
        public bool OwnersChanged { get; }

        /// <summary>Record-only changes: an entry that stays gains or loses an owner ("203.0.113.7: also for {source}").</summary>
        public IReadOnlyList<string> OwnerChanges { get; }

        /// <summary>Whether the firewall itself changes (entries added or removed).</summary>
        public bool FirewallChanged => AddedEntries.Count > 0 || RemovedEntries.Count > 0;

        public IReadOnlyList<IpRange> Added => AddedEntries.Select(e => e.Range!).ToList();
        public IReadOnlyList<IpRange> Removed => RemovedEntries.Select(e => e.Range!).Distinct().ToList();

        /// <summary>False means the resource already is as asked: nothing is written.</summary>
        public bool HasChanges => FirewallChanged || OwnersChanged;
    }
}

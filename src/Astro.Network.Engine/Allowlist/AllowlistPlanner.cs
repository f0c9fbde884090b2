using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// Pure read-merge planning: no I/O, deterministic, shared by every resource type. Ownership is explicit: an entry is
    /// changed or removed for a source only when it records that source as an owner (<see cref="FirewallEntry.Owners"/>);
    /// entries of other sources, hand-made entries and entries of earlier versions stay, and are reported.
    /// </summary>
    internal static class AllowlistPlanner
    {
        /// <param name="current">Entries as read, with their owners.</param>
        /// <param name="operation">Add, Remove or Sync.</param>
        /// <param name="requested">Add/Remove: the IPs with the source each is for. Sync: each source's desired set.</param>
        /// <param name="alsoOwned">Sync only (-PreviousIpAddress): IPs the caller says were the requested sources'; removed unless
        /// desired, and unless another source owns them.</param>
        /// <param name="ownership">Adopt unowned/legacy entries, remove for any source, and whether one entry can have several owners.</param>
        /// <param name="createEntry">Builds a new entry for a range and owner, given the entries it will join (for unique names).</param>
        public static AllowlistPlan Plan(
            IReadOnlyList<FirewallEntry> current,
            AllowlistOperation operation,
            IReadOnlyList<OwnedRange> requested,
            IReadOnlyList<IpRange> alsoOwned,
            OwnershipRules ownership,
            Func<IpRange, string, IReadOnlyList<FirewallEntry>, FirewallEntry> createEntry)
        {
            var work = new PlanWork(current, ownership, createEntry);
            var desired = requested.GroupBy(r => r.Owner, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => new HashSet<IpRange>(g.Select(r => r.Range)), StringComparer.OrdinalIgnoreCase);

            if (operation != AllowlistOperation.Remove)
            {
                foreach (var ask in requested)
                {
                    work.Claim(ask.Range, ask.Owner);
                }
            }

            if (operation == AllowlistOperation.Remove)
            {
                foreach (var ask in requested)
                {
                    work.Release(ask.Range, ask.Owner);
                }
            }

            if (operation == AllowlistOperation.Sync)
            {
                var wanted = new HashSet<IpRange>(desired.Values.SelectMany(v => v));
                foreach (var slot in work.Live.ToList())
                {
                    foreach (var owner in slot.Owners.ToList())
                    {
                        if (desired.TryGetValue(owner, out var ranges) && !ranges.Contains(slot.Entry.Range!))
                        {
                            work.ReleaseSlot(slot, owner);
                        }
                    }

                    // Earlier versions' entries no source wants any more: theirs to retire only when the user adopts them.
                    if (ownership.AdoptExisting && work.IsLegacy(slot) && !wanted.Contains(slot.Entry.Range!))
                    {
                        work.ReleaseSlot(slot, EntryOwners.Legacy);
                    }
                }

                foreach (var range in alsoOwned.Distinct().Where(r => !wanted.Contains(r)))
                {
                    work.ReleasePrevious(range, desired.Keys);
                }
            }

            return work.ToPlan(operation);
        }

        /// <summary>The mutable state of one planning run: each entry with its owners as the plan leaves them.</summary>
        private sealed class PlanWork
        {
            private readonly List<Slot> _slots;
            private readonly OwnershipRules _rules;
            private readonly Func<IpRange, string, IReadOnlyList<FirewallEntry>, FirewallEntry> _create;
            private readonly List<FirewallEntry> _added = new List<FirewallEntry>();
            private readonly List<FirewallEntry> _removed = new List<FirewallEntry>();
            private readonly List<IpRange> _alreadyPresent = new List<IpRange>();
            private readonly List<IpRange> _notPresent = new List<IpRange>();
            private readonly List<string> _kept = new List<string>();
            private readonly List<string> _ownerChanges = new List<string>();

            public PlanWork(IReadOnlyList<FirewallEntry> current, OwnershipRules rules, Func<IpRange, string, IReadOnlyList<FirewallEntry>, FirewallEntry> create)
            {
                _slots = current.Select(e => new Slot(e)).ToList();
                _rules = rules;
                _create = create;
            }

            /// <summary>Live entries that are exactly one range (others are never touched).</summary>
            public IEnumerable<Slot> Live => _slots.Where(s => !s.Removed && s.Entry.Range != null);

            public bool IsLegacy(Slot slot) => slot.Owners.Count == 1 && slot.Owners[0] == EntryOwners.Legacy;

            /// <summary>Entries the user may take over with -AdoptExisting: earlier versions' on named types, unowned where a record keeps owners.</summary>
            private bool Adoptable(Slot slot) => _rules.SharedEntries ? slot.Owners.Count == 0 : IsLegacy(slot);

            private List<Slot> At(IpRange range) => Live.Where(s => range.Equals(s.Entry.Range)).ToList();

            /// <summary>Add/Sync: make <paramref name="owner"/> an owner of an entry for <paramref name="range"/>.</summary>
            public void Claim(IpRange range, string owner)
            {
                var same = At(range);
                if (same.Any(s => s.Owners.Contains(owner)))
                {
                    _alreadyPresent.Add(range);
                    return;
                }

                var adoptable = _rules.AdoptExisting || _rules.Reclaim.Contains(range) ? same.FirstOrDefault(Adoptable) : null;
                var otherSource = same.FirstOrDefault(s => s.Owners.Any(o => o != EntryOwners.Legacy));
                if (adoptable != null && _rules.SharedEntries)
                {
                    adoptable.Owners.Add(owner);
                    _alreadyPresent.Add(range);
                    _ownerChanges.Add($"{range}: adopted for {owner}");
                }
                else if (adoptable != null)
                {
                    Create(range, owner);   // named: the entry under this source's name replaces the earlier version's
                    Remove(adoptable);
                }
                else if (otherSource != null && _rules.SharedEntries)
                {
                    otherSource.Owners.Add(owner);   // shared with another source: either one's removal keeps it for the other
                    _alreadyPresent.Add(range);
                    _ownerChanges.Add($"{range}: also for {owner}");
                }
                else if (otherSource != null || same.Count == 0)
                {
                    Create(range, owner);   // named: each source has its own entry, so removing one never removes the other's
                }
                else
                {
                    _alreadyPresent.Add(range);   // allowed by an entry the module does not own: left as it is, never removed
                }
            }

            /// <summary>Remove: drop <paramref name="owner"/>'s claim (any Astro source's with -AnySource); the entry goes with its last owner.</summary>
            public void Release(IpRange range, string owner)
            {
                var same = At(range);
                if (same.Count == 0)
                {
                    _notPresent.Add(range);
                    return;
                }

                var mine = same.Where(s => s.Owners.Contains(owner) || (_rules.AnySource && s.Owners.Count > 0)
                    || ((_rules.AdoptExisting || _rules.Reclaim.Contains(range)) && Adoptable(s))).ToList();
                foreach (var slot in same.Except(mine))
                {
                    _kept.Add(Why(slot));
                }

                foreach (var slot in mine)
                {
                    ReleaseSlot(slot, _rules.AnySource || slot.Owners.Count == 0 ? null : owner);
                }
            }

            /// <summary>Sync -PreviousIpAddress: the caller says the range was these sources'; another source's claim keeps it.</summary>
            public void ReleasePrevious(IpRange range, IEnumerable<string> owners)
            {
                var same = At(range);
                if (same.Count == 0)
                {
                    _notPresent.Add(range);
                    return;
                }

                var asked = new HashSet<string>(owners, StringComparer.OrdinalIgnoreCase) { EntryOwners.Legacy };
                foreach (var slot in same)
                {
                    foreach (var owner in slot.Owners.Where(asked.Contains).ToList())
                    {
                        ReleaseSlot(slot, owner);
                    }

                    // A named entry nobody owns is a person's ("office"); where a record keeps owners, unowned is all we can know.
                    if (slot.Owners.Count == 0 && !slot.Removed && _rules.SharedEntries)
                    {
                        Remove(slot);
                    }
                    else if (!slot.Removed)
                    {
                        _kept.Add(Why(slot));
                    }
                }
            }

            /// <summary>Drops one owner (null: every owner); an entry left without owners is removed.</summary>
            public void ReleaseSlot(Slot slot, string? owner)
            {
                if (owner == null)
                {
                    slot.Owners.Clear();
                }
                else
                {
                    slot.Owners.Remove(owner);
                }

                if (slot.Owners.Count == 0 || !_rules.SharedEntries)
                {
                    Remove(slot);
                }
                else
                {
                    _kept.Add(Why(slot));
                    _ownerChanges.Add($"{slot.Entry.Range}: no longer for {owner}");
                }
            }

            private void Create(IpRange range, string owner)
            {
                var entry = _create(range, owner, _slots.Where(s => !s.Removed).Select(s => s.Entry).ToList());
                _slots.Add(new Slot(entry) { IsNew = true });
                _added.Add(entry);
            }

            private void Remove(Slot slot)
            {
                if (slot.Removed)
                {
                    return;
                }

                slot.Removed = true;
                if (slot.IsNew)
                {
                    _added.Remove(slot.Entry);
                }
                else
                {
                    _removed.Add(slot.Entry);
                }
            }

            private static string Why(Slot slot)
            {
                var what = slot.Entry.Name == null ? slot.Entry.Value : $"{slot.Entry.Value} ('{slot.Entry.Name}')";
                if (slot.Owners.Count == 0)
                {
                    return $"{what}: not made by this module; kept (-AdoptExisting takes it over)";
                }

                return slot.Owners.Contains(EntryOwners.Legacy)
                    ? $"{what}: made by an earlier version of this module for an unknown source; kept (-AdoptExisting takes it over)"
                    : $"{what}: kept for {string.Join(", ", slot.Owners)}";
            }

            public AllowlistPlan ToPlan(AllowlistOperation operation)
            {
                var after = _slots.Where(s => !s.Removed)
                    .Select(s => _rules.SharedEntries ? s.Entry.WithOwners(s.Owners) : s.Entry)
                    .ToList();
                var ownersChanged = _rules.SharedEntries && (_added.Count > 0 || _removed.Count > 0
                    || _slots.Any(s => !s.Removed && !s.IsNew && !SameOwners(s.Entry.Owners, s.Owners)));
                return new AllowlistPlan(operation, after, _added, _removed, _alreadyPresent.Distinct().ToList(), _notPresent.Distinct().ToList(),
                    _kept.Distinct().ToList(), ownersChanged, _ownerChanges.Distinct().ToList());
            }

            private static bool SameOwners(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
                new HashSet<string>(a, StringComparer.OrdinalIgnoreCase).SetEquals(b);
        }

        private sealed class Slot
        {
            public Slot(FirewallEntry entry)
            {
                Entry = entry;
                Owners = entry.Owners.ToList();
            }

            public FirewallEntry Entry { get; }
            public List<string> Owners { get; }
            public bool Removed { get; set; }
            public bool IsNew { get; set; }
        }
    }

    /// <summary>One requested range and the owner it is for (a source ID or "manual").</summary>
    internal sealed class OwnedRange
    {
        public OwnedRange(IpRange range, string owner)
        {
            Range = range;
            Owner = owner;
        }

        public IpRange Range { get; }
        public string Owner { get; }
    }

    /// <summary>What the caller allows beyond a source's own entries, and how the type keeps owners.</summary>
    internal sealed class OwnershipRules
    {
        /// <summary>Take over entries nobody owns (record types) or that an earlier version wrote (named types).</summary>
        public bool AdoptExisting { get; set; }

        /// <summary>Remove: release every Astro source's claim, not only the given source's.</summary>
        public bool AnySource { get; set; }

        /// <summary>
        /// Ranges this run itself added or removed: after our write, a concurrent run for the same source may have written
        /// the record from an older read, losing our claim; the entries are still ours to finish.
        /// </summary>
        public HashSet<IpRange> Reclaim { get; } = new HashSet<IpRange>();

        /// <summary>True where a record keeps owners (several per entry); false where each entry's name carries its one owner.</summary>
        public bool SharedEntries { get; set; }
    }
}

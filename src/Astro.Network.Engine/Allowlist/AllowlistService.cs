using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// Add/Remove/Sync/Get/Test on one resource: read, plan, (WhatIf: stop), write, re-read and verify. A write
    /// refused with 412 (If-Match) or a verification undone by a concurrent writer restarts the whole
    /// read-merge-write, a bounded number of times.
    /// </summary>
    internal sealed class AllowlistService
    {
        public const int DefaultMaxAttempts = 3;

        private readonly IArmJsonClient _arm;
        private readonly int _maxAttempts;

        public AllowlistService(IArmJsonClient arm, int maxAttempts = DefaultMaxAttempts)
        {
            _arm = arm;
            _maxAttempts = maxAttempts < 1 ? 1 : maxAttempts;
        }

        public async Task<AllowlistChange> ChangeAsync(AllowlistRequest request, CancellationToken ct)
        {
            var (resource, adapter) = Resolve(request.ResourceId);
            var options = request.Options.Validated();
            var requested = AllowlistRules.ParseAndValidate(request.IpAddresses, adapter.ResourceType, adapter.Capabilities);
            var alsoOwned = request.AlsoOwned.Select(IpRange.Parse).Distinct().ToList();
            AllowlistPlan? written = null;
            FirewallSnapshot? firstRead = null;

            for (var attempt = 1; attempt <= _maxAttempts; attempt++)
            {
                var before = await adapter.ReadAsync(_arm, resource, options, ct).ConfigureAwait(false);
                firstRead ??= before;
                var plan = AllowlistPlanner.Plan(before.Entries, request.Operation, requested, alsoOwned, adapter.Capabilities.NamesEntries,
                    (range, siblings) => adapter.CreateEntry(range, siblings, options));
                GuardAgainstOpening(adapter, before, plan);
                if (request.WhatIf || !plan.HasChanges)
                {
                    return Result(request, adapter, firstRead, written ?? plan, plan.EntriesAfter, before, changed: written != null);
                }

                try
                {
                    await adapter.WriteAsync(_arm, before, plan, options, ct).ConfigureAwait(false);
                }
                catch (AstroNetworkException ex) when (ex.Status == 412)
                {
                    continue; // someone else wrote since our read: start over from a fresh read
                }

                written = plan;
                var after = await adapter.ReadAsync(_arm, resource, options, ct).ConfigureAwait(false);
                if (Holds(plan, after))
                {
                    return Result(request, adapter, firstRead, plan, after.Entries, before, changed: true);
                }
            }

            throw AllowlistErrors.VerificationFailed(resource.Id, _maxAttempts);
        }

        /// <summary>The entries of one resource; on unnamed types <paramref name="astroIps"/> decides which are Astro's.</summary>
        public async Task<IReadOnlyList<AllowlistEntry>> GetAsync(string resourceId, IEnumerable<string> astroIps, FirewallOptions options, CancellationToken ct)
        {
            var (resource, adapter) = Resolve(resourceId);
            var owned = new HashSet<IpRange>(astroIps.Select(IpRange.Parse));
            var snapshot = await adapter.ReadAsync(_arm, resource, options.Validated(), ct).ConfigureAwait(false);
            return snapshot.Entries.Select(e => new AllowlistEntry
            {
                ResourceId = resource.Id,
                ResourceType = adapter.ResourceType,
                Value = e.Value,
                Name = e.Name,
                IsAstroOwned = e.Range != null && (adapter.Capabilities.NamesEntries ? AstroRuleNaming.IsAstroName(e.Name) : owned.Contains(e.Range)),
                Raw = e.Raw,
            }).ToList();
        }

        /// <summary>Whether every IP is covered by some entry (a listed /24 covers its addresses).</summary>
        public async Task<AllowlistTestResult> TestAsync(string resourceId, IEnumerable<string> ips, FirewallOptions options, string? source, CancellationToken ct)
        {
            var (resource, adapter) = Resolve(resourceId);
            var ranges = ips.Select(IpRange.Parse).Distinct().ToList();
            var snapshot = await adapter.ReadAsync(_arm, resource, options.Validated(), ct).ConfigureAwait(false);
            var present = ranges.Where(r => snapshot.Entries.Any(e => e.Covers.Any(c => c.Contains(r)))).ToList();
            var missing = ranges.Except(present).ToList();
            return new AllowlistTestResult
            {
                ResourceId = resource.Id,
                ResourceType = adapter.ResourceType,
                Allowed = missing.Count == 0,
                Present = Texts(present),
                Missing = Texts(missing),
                Source = source,
            };
        }

        private static (ArmResourceId, IFirewallAdapter) Resolve(string resourceId)
        {
            var resource = ArmResourceId.Parse(resourceId);
            return (resource, FirewallAdapters.For(resource.ResourceType));
        }

        private static void GuardAgainstOpening(IFirewallAdapter adapter, FirewallSnapshot before, AllowlistPlan plan)
        {
            if (adapter.Capabilities.EmptyListMeansOpen && before.Entries.Count > 0 && plan.EntriesAfter.Count == 0)
            {
                throw AllowlistErrors.NotSupportedOnResource("AllowlistWouldOpenResource", before.Resource.Id,
                    $"Removing the last entry of '{before.Resource.Name}' would admit every address on the internet ({adapter.ResourceType} treats an empty list as open). Add another entry first or close public access yourself.");
            }
        }

        /// <summary>Added ranges are present, and no removed range occurs more often than planned.</summary>
        private static bool Holds(AllowlistPlan plan, FirewallSnapshot after)
        {
            int Count(IEnumerable<FirewallEntry> entries, IpRange r) => entries.Count(e => r.Equals(e.Range));
            return plan.Added.Concat(plan.AlreadyPresent).All(r => Count(after.Entries, r) > 0)
                && plan.Removed.All(r => Count(after.Entries, r) <= Count(plan.EntriesAfter, r));
        }

        private static AllowlistChange Result(AllowlistRequest request, IFirewallAdapter adapter, FirewallSnapshot firstRead, AllowlistPlan report,
            IReadOnlyList<FirewallEntry> entriesAfter, FirewallSnapshot lastRead, bool changed)
        {
            var warnings = lastRead.Warnings.ToList();
            if (adapter.Capabilities.EmptyListMeansOpen && firstRead.Entries.Count == 0 && report.AddedEntries.Count > 0)
            {
                warnings.Add("The firewall had no entries and admitted every address; now only listed addresses are admitted.");
            }

            return new AllowlistChange
            {
                ResourceId = firstRead.Resource.Id,
                ResourceType = adapter.ResourceType,
                ResourceName = firstRead.Resource.Name,
                Operation = request.Operation.ToString(),
                WhatIf = request.WhatIf,
                Changed = changed,
                Added = Texts(report.Added),
                AlreadyPresent = Texts(report.AlreadyPresent),
                Removed = Texts(report.Removed),
                NotPresent = Texts(report.NotPresent),
                EntriesBefore = firstRead.Entries.Select(e => e.Value).ToArray(),
                EntriesAfter = entriesAfter.Select(e => e.Value).ToArray(),
                Warnings = warnings.ToArray(),
            };
        }

        private static string[] Texts(IEnumerable<IpRange> ranges) => ranges.Select(r => r.ToString()).ToArray();
    }
}

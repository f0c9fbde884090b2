using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// Add/Remove/Sync/Get/Test on one resource: read, plan, (WhatIf: stop), write, re-read and verify. Most firewalls have
    /// no ETag, so a writer that read before our write can still land its stale list after it: the verifying read waits
    /// about as long as such a writer needs (twice our own read-to-write time) before it looks. A write refused with 412
    /// (If-Match) or a verification that no longer holds restarts the whole read-merge-write after a jittered pause, a
    /// bounded number of times.
    /// </summary>
    internal sealed class AllowlistService
    {
        public const int DefaultMaxAttempts = 5;

        /// <summary>Settle wait per unit of our own read-to-write time: room for a writer slower than us.</summary>
        private const double SettleFactor = 3.0;

        /// <summary>At least this long: a pause (GC, scheduling) can stretch another writer's gap far beyond a fast cycle.</summary>
        private static readonly TimeSpan MinSettle = TimeSpan.FromMilliseconds(30);

        private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(10);

        /// <summary>Unit of the pause before re-reading a busy resource: another writer's operation needs at least this.</summary>
        private static readonly TimeSpan BusyPause = TimeSpan.FromMilliseconds(200);

        private readonly IArmJsonClient _arm;
        private readonly int _maxAttempts;
        private readonly IOperationLog? _log;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private readonly Random _jitter = new Random();

        /// <param name="delay">Waits (settle and backoff); Task.Delay unless a test observes them.</param>
        public AllowlistService(IArmJsonClient arm, int maxAttempts = DefaultMaxAttempts, IOperationLog? log = null,
            Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            _arm = arm;
            _maxAttempts = maxAttempts < 1 ? 1 : maxAttempts;
            _log = log;
            _delay = delay ?? ((wait, ct) => Task.Delay(wait, ct));
        }

        public async Task<AllowlistChange> ChangeAsync(AllowlistRequest request, CancellationToken ct)
        {
            var (resource, adapter) = Resolve(request.ResourceId);
            var options = request.Options.Validated();
            AllowlistRules.CheckOptions(adapter, resource, options);
            var requested = AllowlistRules.ParseAndValidate(request.IpAddresses, request.Owners, adapter.ResourceType, adapter.Capabilities);
            var alsoOwned = request.AlsoOwned.Select(IpRange.Parse).Distinct().ToList();
            var rules = new OwnershipRules { AdoptExisting = request.AdoptExisting, AnySource = request.AnySource, SharedEntries = !adapter.Capabilities.NamesEntries };
            AllowlistPlan PlanOn(FirewallSnapshot read) => AllowlistPlanner.Plan(read.Entries, request.Operation, requested, alsoOwned,
                rules, (range, owner, siblings) => adapter.CreateEntry(range, owner, siblings, options));
            var recordWarnings = new List<string>();

            AllowlistPlan? written = null;
            FirewallSnapshot? firstRead = null;
            AccessAssessment? firstAccess = null;
            IReadOnlyList<string> forcedWarnings = Array.Empty<string>();
            var confirmed = false;
            var conflict = "";
            var cycle = TimeSpan.Zero;
            for (var attempt = 1; attempt <= _maxAttempts;)
            {
                var clock = Stopwatch.StartNew();
                var before = await ReadAsync(adapter, resource, options, ct).ConfigureAwait(false);
                firstRead ??= before;
                var plan = PlanOn(before);
                if (plan.HasChanges && before.WriteRefusal is { } refusal)
                {
                    // A transient state (a cluster mid-operation) may pass: read again after a pause, then give up with its error.
                    if (!refusal.Transient || request.WhatIf || ++attempt > _maxAttempts)
                    {
                        throw refusal.Error;
                    }

                    _log?.Verbose($"'{resource.Id}' is busy: {refusal.Error.Message} Reading again (attempt {attempt} of {_maxAttempts}).");
                    await _delay(Backoff(BusyPause > clock.Elapsed ? BusyPause : clock.Elapsed, attempt), ct).ConfigureAwait(false);
                    continue;
                }

                var now = adapter.Assess(before, before.Entries, request.Context);
                var planned = adapter.Assess(before, plan.EntriesAfter, request.Context);
                var forced = AccessGuards.Check(adapter, before, plan, now, planned, request.Force);
                firstAccess ??= now;
                if (request.WhatIf || (!plan.HasChanges && (written != null || confirmed || request.Operation == AllowlistOperation.Add)))
                {
                    return Result(request, adapter, firstRead, written ?? plan, plan.EntriesAfter, before, changed: written != null,
                        firstAccess, planned, (forced.Count > 0 ? forced : forcedWarnings).Concat(recordWarnings).ToList());
                }

                if (!plan.HasChanges)
                {
                    // A read assembled from pages can skip an entry when a concurrent writer shifts the pages; "nothing to
                    // remove" is trusted once a second read agrees (a skipped entry on Add is rewritten under the same name).
                    confirmed = true;
                    continue;
                }

                try
                {
                    // Before the write: if its answer is lost (a dropped connection after it landed), the retry still finishes these.
                    rules.Reclaim.UnionWith(plan.Added.Concat(plan.Removed));
                    if (await WriteAsync(adapter, before, plan, options, ct).ConfigureAwait(false) is { } refused)
                    {
                        recordWarnings.Add(refused);
                    }

                    written = plan;
                    forcedWarnings = forced;
                    cycle = clock.Elapsed;
                    await _delay(Settle(cycle), ct).ConfigureAwait(false);
                    var after = await ReadAsync(adapter, resource, options, ct).ConfigureAwait(false);
                    var left = PlanOn(after);
                    // A refused record stays refused: only the firewall itself is verified then.
                    if (!left.HasChanges || (recordWarnings.Count > 0 && !left.FirewallChanged))
                    {
                        return Result(request, adapter, firstRead, plan, after.Entries, after, changed: true,
                            firstAccess, adapter.Assess(after, after.Entries, request.Context), forced.Concat(recordWarnings).ToList());
                    }

                    conflict = Describe(left);
                }
                catch (AstroNetworkException ex) when (Rest.BusyClassification.IsStaleWrite(ex) || Rest.RetryClassification.RestartsOperation(ex))
                {
                    // Both mean the plan may be stale: a newer version exists, or the write's operation failed transiently.
                    cycle = clock.Elapsed;
                    conflict = ex.Status == 412
                        ? "the write was refused with 412 Precondition Failed (it changed since our read)"
                        : $"the write's operation failed transiently ({ex.ServiceCode ?? ex.ErrorId})";
                }

                if (++attempt <= _maxAttempts)
                {
                    _log?.Verbose($"Concurrent update of '{resource.Id}': {conflict}. Reading and merging again (attempt {attempt} of {_maxAttempts}).");
                    await _delay(Backoff(cycle, attempt), ct).ConfigureAwait(false);
                }
            }

            throw AllowlistErrors.ConcurrentUpdate(resource.Id, _maxAttempts, conflict);
        }

        /// <summary>The entries of one resource with their owners, and its effective access.</summary>
        public async Task<AllowlistRead> GetAsync(string resourceId, FirewallOptions options, CancellationToken ct, AccessContext? context = null)
        {
            var (resource, adapter) = Resolve(resourceId);
            var snapshot = await ReadAsync(adapter, resource, options.Validated(), ct).ConfigureAwait(false);
            var access = adapter.Assess(snapshot, snapshot.Entries, context ?? AccessContext.None);
            return new AllowlistRead
            {
                ResourceId = resource.Id,
                ResourceName = resource.Name,
                EffectiveAccess = access.State,
                EffectiveAccessCause = access.CauseId,
                EffectiveAccessReason = access.Reason,
                Entries = snapshot.Entries.Select(e => new AllowlistEntry
                {
                    ResourceId = resource.Id,
                    ResourceType = adapter.ResourceType,
                    Value = e.Value,
                    Name = e.Name,
                    Owner = e.Owners.Count == 0 ? null : string.Join(", ", e.Owners),
                    IsAstroOwned = e.Owners.Count > 0,
                    Raw = e.Raw,
                    EffectiveAccess = access.State,
                    EffectiveAccessReason = access.Reason,
                }).ToArray(),
            };
        }

        /// <summary>Whether every IP is covered by some entry (a listed /24 covers its addresses).</summary>
        /// <remarks>
        /// Allowed answers "does the firewall admit Astro": an open resource admits every address; a resource that ignores
        /// its entries or refuses them answers false whatever is listed, and Reason says why.
        /// </remarks>
        public async Task<AllowlistTestResult> TestAsync(string resourceId, IEnumerable<string> ips, FirewallOptions options, string? source,
            CancellationToken ct, AccessContext? context = null, IReadOnlyCollection<string>? owners = null)
        {
            var (resource, adapter) = Resolve(resourceId);
            var ranges = ips.Select(IpRange.Parse).Distinct().ToList();
            var snapshot = await ReadAsync(adapter, resource, options.Validated(), ct).ConfigureAwait(false);
            // Entries the tested sources own at IPs they no longer report: what Sync-AstroAllowlist would retire.
            var stale = snapshot.Entries.Where(e => e.Range != null && !ranges.Contains(e.Range)
                && e.Owners.Any(o => owners != null && owners.Contains(o, StringComparer.OrdinalIgnoreCase))).Select(e => e.Range!).Distinct().ToList();
            var access = adapter.Assess(snapshot, snapshot.Entries, context ?? AccessContext.None);
            var present = ranges.Where(r => snapshot.Entries.Any(e => e.Covers.Any(c => c.Contains(r)))).ToList();
            var missing = ranges.Except(present).ToList();
            var allowed = access.State == EffectiveAccess.Open || (access.State == EffectiveAccess.Restricted && missing.Count == 0);
            return new AllowlistTestResult
            {
                ResourceId = resource.Id,
                ResourceType = adapter.ResourceType,
                Allowed = allowed,
                Present = Texts(present),
                Missing = Texts(missing),
                Stale = Texts(stale),
                Source = source,
                EffectiveAccess = access.State,
                Reason = access.State == EffectiveAccess.Restricted
                    ? (allowed ? "Every address is covered by an entry." : $"Not listed: {string.Join(", ", Texts(missing))}.")
                    : access.Reason,
            };
        }

        /// <summary>The adapter's read, with each entry's owners from the ownership record where the type keeps one.</summary>
        private async Task<FirewallSnapshot> ReadAsync(IFirewallAdapter adapter, ArmResourceId resource, FirewallOptions options, CancellationToken ct)
        {
            var read = await adapter.ReadAsync(_arm, resource, options, ct).ConfigureAwait(false);
            return adapter.Capabilities.NamesEntries ? read : read.WithEntries(OwnershipRecord.Annotate(read.Entries, read.Tags));
        }

        /// <summary>
        /// The firewall write with its ownership record. Claims go on before the entries and come off after them, so a
        /// failure in between leaves at most a claim without an entry (dropped by the next write), never an Astro entry nobody
        /// owns. Where the write sends the whole resource (AKS), the record travels in it instead. Returns the warning
        /// when Azure refused the record.
        /// </summary>
        private async Task<string?> WriteAsync(IFirewallAdapter adapter, FirewallSnapshot before, AllowlistPlan plan, FirewallOptions options, CancellationToken ct)
        {
            if (adapter.Capabilities.NamesEntries)
            {
                await adapter.WriteAsync(_arm, before, plan, options, ct).ConfigureAwait(false);
                return null;
            }

            var asRead = OwnershipRecord.OwnTags(before.Tags);
            var target = OwnershipRecord.Tags(OwnershipRecord.OwnersOf(plan.EntriesAfter));
            if (plan.FirewallChanged && adapter.Capabilities.RecordInDocument)
            {
                await adapter.WriteAsync(_arm, before.WithRecord(target), plan, options, ct).ConfigureAwait(false);
                return null;
            }

            var record = new OwnershipRecordWriter(_arm, before.Resource, asRead);
            var claimed = await record.WriteAsync(OwnershipRecord.Tags(OwnershipRecord.OwnersOf(before.Entries.Concat(plan.EntriesAfter))), deletes: false, ct).ConfigureAwait(false);
            if (plan.FirewallChanged)
            {
                if (claimed && before.ETag != null)
                {
                    before = await AfterClaimsAsync(adapter, before, options, ct).ConfigureAwait(false);
                }

                // No rollback of the claims on failure: the write may have landed (a lost answer), and a claim without an
                // entry is harmless, while an entry without its claim would never be retired.
                await adapter.WriteAsync(_arm, before, plan, options, ct).ConfigureAwait(false);
            }

            await record.WriteAsync(target, deletes: true, ct).ConfigureAwait(false);
            return record.Refusal;
        }

        /// <summary>
        /// The claims' tag write gave the resource a new ETag (Kusto: "changes on every update"), so If-Match on the one read
        /// would always fail: take the new ETag from a fresh read, unless the entries changed meanwhile (then restart, as on 412).
        /// </summary>
        private async Task<FirewallSnapshot> AfterClaimsAsync(IFirewallAdapter adapter, FirewallSnapshot before, FirewallOptions options, CancellationToken ct)
        {
            var fresh = await ReadAsync(adapter, before.Resource, options, ct).ConfigureAwait(false);
            if (!fresh.Entries.Select(e => e.Value).SequenceEqual(before.Entries.Select(e => e.Value), StringComparer.OrdinalIgnoreCase))
            {
                throw new AstroNetworkException("ArmConcurrentUpdate", FailureKind.InvalidOperation,
                    $"The firewall of '{before.Resource.Id}' changed while its ownership record was written.", before.Resource.Id) { Status = 412 };
            }

            return fresh;
        }

        private static (ArmResourceId, IFirewallAdapter) Resolve(string resourceId)
        {
            var resource = ArmResourceId.Parse(resourceId);
            return (resource, FirewallAdapters.For(resource.ResourceType));
        }

        /// <summary>What a read after our write still asks for: entries a concurrent writer dropped or brought back.</summary>
        private static string Describe(AllowlistPlan left)
        {
            var parts = new List<string>();
            if (left.Added.Count > 0)
            {
                parts.Add($"{string.Join(", ", Texts(left.Added))} missing after our write");
            }

            if (left.Removed.Count > 0)
            {
                parts.Add($"{string.Join(", ", Texts(left.Removed))} back after our removal");
            }

            return string.Join("; ", parts);
        }

        /// <summary>How long the verifying read waits after our write: a stale writer lands within about its own read-to-write time.</summary>
        private static TimeSpan Settle(TimeSpan cycle) =>
            TimeSpan.FromTicks(Math.Min(Math.Max((long)(cycle.Ticks * SettleFactor), MinSettle.Ticks), MaxSettle.Ticks));

        /// <summary>Pause before a fresh read-merge-write: growing with the attempt, jittered so two writers fall out of step.</summary>
        private TimeSpan Backoff(TimeSpan cycle, int attempt)
        {
            double factor;
            lock (_jitter)
            {
                factor = 0.5 + _jitter.NextDouble();
            }

            var unit = Math.Max(cycle.Ticks, MinBackoff.Ticks);
            return TimeSpan.FromTicks(Math.Min((long)(unit * (attempt - 1) * factor), MaxSettle.Ticks));
        }

        private static AllowlistChange Result(AllowlistRequest request, IFirewallAdapter adapter, FirewallSnapshot firstRead, AllowlistPlan report,
            IReadOnlyList<FirewallEntry> entriesAfter, FirewallSnapshot lastRead, bool changed,
            AccessAssessment? before, AccessAssessment after, IReadOnlyList<string> forced)
        {
            // What the first read found (a Failed cluster, unlisted egress) still matters after the write; the last read may add more.
            var warnings = firstRead.Warnings.Concat(lastRead.Warnings).Concat(forced).Distinct().ToList();
            if (after.State != EffectiveAccess.Restricted && !warnings.Contains(after.Reason))
            {
                warnings.Add(after.Reason);
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
                Kept = report.Kept.ToArray(),
                OwnerChanges = report.OwnerChanges.ToArray(),
                NotPresent = Texts(report.NotPresent),
                EntriesBefore = firstRead.Entries.Select(e => e.Value).ToArray(),
                EntriesAfter = entriesAfter.Select(e => e.Value).ToArray(),
                Warnings = warnings.ToArray(),
                EffectiveAccessBefore = (before ?? after).State,
                EffectiveAccess = after.State,
                EffectiveAccessCause = after.CauseId,
                EffectiveAccessReason = after.Reason,
            };
        }

        private static string[] Texts(IEnumerable<IpRange> ranges) => ranges.Select(r => r.ToString()).ToArray();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>
    /// The file's Allowlist: resources by ID or by a Resource Graph selector, one Add or Sync per resource for the Deployment's
    /// (or cluster's) IPs through the allowlist engine's plan-only path, so every guard applies and a refusal shows as Refused.
    /// </summary>
    internal sealed class AllowlistStep : OnboardingStep
    {
        /// <summary>Resources with the same firewall options share one invocation.</summary>
        private readonly List<AllowlistInvocation> _invocations = new List<AllowlistInvocation>();

        public AllowlistStep() : base("Allowlist")
        {
        }

        private static string ActionOf(OnboardingContext c) => c.Spec.SyncAllowlist ? nameof(AllowlistAction.Sync) : nameof(AllowlistAction.Add);

        protected override async Task PlanCoreAsync(OnboardingContext context, CancellationToken ct)
        {
            var spec = context.Spec;
            if (spec.Allowlist.Count == 0)
            {
                return;
            }

            var (ips, regions) = await IpsAsync(context, ct).ConfigureAwait(false);
            var owner = AllowlistEngine.NormalizeSourceId(context.SourceId);
            var targets = await OnboardingSelectors.ResolveAsync(spec.Allowlist, context.Log, ct).ConfigureAwait(false);
            foreach (var group in targets.GroupBy(t => t.Target.OptionsKey))
            {
                var options = group.First().Target;
                var invocation = new AllowlistInvocation
                {
                    Action = spec.SyncAllowlist ? AllowlistAction.Sync : AllowlistAction.Add,
                    IpAddresses = ips,
                    SourceIds = ips.Select(_ => owner).ToList(),
                    AstroRegions = regions,
                    Port = options.Port,
                    Protocol = options.Protocol,
                    Priority = options.Priority,
                    DestinationAddressPrefix = options.DestinationAddressPrefix,
                    Force = options.Force,
                };
                var ids = new List<string>();
                foreach (var id in group.Select(t => t.ResourceId))
                {
                    // Options that do not fit one resource (an NSG found by a selector without Port) refuse that resource only.
                    try
                    {
                        AllowlistEngine.CheckChange(new AllowlistInvocation { ResourceIds = new[] { id }, Port = invocation.Port, Protocol = invocation.Protocol });
                        ids.Add(id);
                    }
                    catch (AstroNetworkException ex)
                    {
                        Fail(ActionOf(context), id, NameOf(id), ex);
                    }
                }

                invocation.ResourceIds = ids;
                foreach (var id in ids)
                {
                    invocation.PlanOnly.Add(id);
                }

                _invocations.Add(invocation);
                Record(context, await AllowlistEngine.ChangeAsync(invocation, context.Log, ct).ConfigureAwait(false), planned: true);
            }
        }

        protected override async Task ApplyCoreAsync(OnboardingContext context, IReadOnlyList<OnboardingItem> todo, CancellationToken ct)
        {
            var approved = new HashSet<string>(todo.Select(i => i.Target), StringComparer.OrdinalIgnoreCase);
            foreach (var invocation in _invocations)
            {
                var ids = invocation.ResourceIds.Where(approved.Contains).ToList();
                if (ids.Count == 0)
                {
                    continue;
                }

                invocation.ResourceIds = ids;
                invocation.PlanOnly.Clear();
                Record(context, await AllowlistEngine.ChangeAsync(invocation, context.Log, ct).ConfigureAwait(false), planned: false);
            }
        }

        private void Record(OnboardingContext context, IReadOnlyList<ResourceOutcome<AllowlistChange>> outcomes, bool planned)
        {
            foreach (var outcome in outcomes)
            {
                if (outcome.Value is not { } change)
                {
                    Fail(ActionOf(context), outcome.ResourceId, NameOf(outcome.ResourceId), outcome.Error!);
                    continue;
                }

                var status = planned
                    ? ChangeText.HasWork(change) ? OnboardingStatus.ToDo : OnboardingStatus.AlreadyDone
                    : change.Changed ? OnboardingStatus.Done : OnboardingStatus.AlreadyDone;
                var detail = ChangeText.Describe(change) + string.Concat(change.Warnings.Select(w => " Warning: " + w));
                var item = Add(change.Operation, change.ResourceId, change.ResourceName, status, detail);
                if (ChangeText.LocksOut(change))
                {
                    item.NextStep = "Force = $true closes this firewall: every address not listed is locked out.";
                }
            }
        }

        /// <summary>The pinned IPs of the file, or the ones Astro reports now, and the regions they come from.</summary>
        private static async Task<(IReadOnlyList<string> Ips, IReadOnlyList<string> Regions)> IpsAsync(OnboardingContext context, CancellationToken ct)
        {
            if (context.Spec.IpAddresses.Count > 0)
            {
                return (context.Spec.IpAddresses, new string[0]);
            }

            var ips = await context.Astro.GetExternalIpsAsync(context.DeploymentId, context.DeploymentId == null ? context.ClusterId : null, ct).ConfigureAwait(false);
            if (ips.Count == 0)
            {
                throw new AstroNetworkException("AstroExternalIpsUnavailable", FailureKind.ObjectNotFound,
                    $"Astro reports no external IPs for {context.SourceId}; nothing to allowlist.", context.SourceId);
            }

            return (AllowlistEngine.NormalizeIpAddresses(ips.Select(i => i.IpAddress)),
                ips.Select(i => i.Region).Where(r => !string.IsNullOrEmpty(r)).Select(r => r!).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>
    /// The file's Peering. Before the peering is up: readiness (a failed check refuses), Astronomer's temporary role grants,
    /// and the support request (Waiting). Once Astro's peering is Connected: the temporary grants the module made are removed.
    /// </summary>
    internal sealed class PeeringStep : OnboardingStep
    {
        private static readonly PeeringScope[] AllScopes = { PeeringScope.VirtualNetwork, PeeringScope.ResourceGroup, PeeringScope.Subscription };

        public PeeringStep() : base("Peering")
        {
        }

        protected override string FallbackTarget(OnboardingContext context) => context.Spec.Peering?.VirtualNetworkId ?? base.FallbackTarget(context);

        protected override async Task PlanCoreAsync(OnboardingContext context, CancellationToken ct)
        {
            if (context.Spec.Peering is not { } spec)
            {
                return;
            }

            var cluster = context.ClusterOrThrow();
            var vnet = spec.VirtualNetworkId;
            var peerings = await PeeringEngine.GetPeeringsAsync(vnet, cluster, context.Log, ct).ConfigureAwait(false);
            if (peerings.FirstOrDefault(p => p.IsAstroCluster && p.PeeringState == "Connected") is { } peered)
            {
                Add("Peer", vnet, NameOf(vnet), OnboardingStatus.AlreadyDone, $"Peered with cluster {cluster}: {peered.PeeringState}, {peered.PeeringSyncLevel}.");
                var revoke = new PeeringRevokeRequest { VirtualNetworkId = vnet, Scopes = AllScopes, PlanOnly = new HashSet<PeeringScope>(AllScopes) };
                RecordRevocations(await PeeringEngine.RevokeAsync(revoke, context.Log, ct).ConfigureAwait(false));
                return;
            }

            var failed = (await PeeringEngine.TestReadinessAsync(cluster, vnet, context.Log, ct).ConfigureAwait(false)).Where(c => !c.Passed).ToList();
            foreach (var check in failed)
            {
                Fail("Readiness", check.Scope ?? vnet, check.Check,
                    new AstroNetworkException("PeeringNotReady", FailureKind.InvalidOperation, $"{check.Check}: {check.Message}", vnet));
            }

            if (failed.Count > 0)
            {
                return;
            }

            RecordGrants(await PeeringEngine.GrantAsync(GrantRequest(context, AllScopes), context.Log, ct).ConfigureAwait(false));
            var ticket = await PeeringEngine.NewRequestAsync(cluster, vnet, context.Log, ct).ConfigureAwait(false);
            var waiting = Add("Peer", vnet, NameOf(vnet), OnboardingStatus.Waiting,
                peerings.FirstOrDefault(p => p.IsAstroCluster) is { } started
                    ? $"Astro's peering is {started.PeeringState}; Astronomer support completes it."
                    : "Astronomer support creates the peering once the role is granted.");
            waiting.TicketText = ticket.TicketText;
            waiting.NextStep = "Open a support ticket with the text in TicketText; after Wait-AstroVnetPeering, re-run this file: it removes the temporary roles.";
        }

        protected override async Task ApplyCoreAsync(OnboardingContext context, IReadOnlyList<OnboardingItem> todo, CancellationToken ct)
        {
            var approved = todo.Select(i => (PeeringScope)Enum.Parse(typeof(PeeringScope), i.Name)).ToList();
            var notApproved = AllScopes.Except(approved);
            if (todo.Any(i => i.Action == "GrantRole"))
            {
                RecordGrants(await PeeringEngine.GrantAsync(GrantRequest(context, notApproved), context.Log, ct).ConfigureAwait(false));
            }
            else
            {
                var revoke = new PeeringRevokeRequest { VirtualNetworkId = context.Spec.Peering!.VirtualNetworkId, Scopes = approved, PlanOnly = new HashSet<PeeringScope>(notApproved) };
                RecordRevocations(await PeeringEngine.RevokeAsync(revoke, context.Log, ct).ConfigureAwait(false));
            }
        }

        private static PeeringGrantRequest GrantRequest(OnboardingContext context, IEnumerable<PeeringScope> planOnly)
        {
            var spec = context.Spec.Peering!;
            return new PeeringGrantRequest
            {
                VirtualNetworkId = spec.VirtualNetworkId,
                ClusterId = context.ClusterId,
                RoleMode = spec.RoleMode,
                Scopes = spec.Scopes,
                PlanOnly = new HashSet<PeeringScope>(planOnly),
            };
        }

        private void RecordGrants(IEnumerable<PeeringGrant> grants)
        {
            foreach (var grant in grants)
            {
                Items.RemoveAll(i => i.Action == "GrantRole" && i.Target == grant.ScopeId);
                var status = grant.Status switch
                {
                    "WouldCreate" => OnboardingStatus.ToDo,
                    "Created" => OnboardingStatus.Done,
                    _ => OnboardingStatus.AlreadyDone,
                };
                var item = Add("GrantRole", grant.ScopeId, grant.ScopeName, status, $"'{grant.RoleName}' for Astronomer's service principal (appId {grant.AppId}).");
                item.NextStep = grant.NextStep;
            }
        }

        private void RecordRevocations(IEnumerable<PeeringRevocation> revocations)
        {
            foreach (var revocation in revocations.Where(r => r.Status == "WouldRemove" || r.Status == "Removed"))
            {
                Add("RemoveRole", revocation.ScopeId, revocation.ScopeName, revocation.Changed ? OnboardingStatus.Done : OnboardingStatus.ToDo,
                    $"The peering is up: Astronomer's temporary role ({string.Join(", ", revocation.RoleNames)}) is no longer needed.");
            }
        }
    }
}

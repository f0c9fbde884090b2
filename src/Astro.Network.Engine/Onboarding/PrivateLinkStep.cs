using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>
    /// The file's PrivateLink: approve the connections Astronomer's private endpoints made (only those matching what the
    /// file names: the cluster in the request message, the requester's subscription or endpoint); none yet is Waiting.
    /// </summary>
    internal sealed class PrivateLinkStep : OnboardingStep
    {
        private const string Action = "Approve";
        private readonly Dictionary<string, (PrivateEndpointConnection Connection, PrivateEndpointTrust Trust)> _connections =
            new Dictionary<string, (PrivateEndpointConnection, PrivateEndpointTrust)>();

        public PrivateLinkStep() : base("PrivateLink")
        {
        }

        protected override async Task PlanCoreAsync(OnboardingContext context, CancellationToken ct)
        {
            foreach (var spec in context.Spec.PrivateLink)
            {
                try
                {
                    await PlanOneAsync(context, spec, ct).ConfigureAwait(false);
                }
                catch (AstroNetworkException ex)
                {
                    Fail(Action, spec.ResourceId, NameOf(spec.ResourceId), ex);
                }
            }
        }

        private async Task PlanOneAsync(OnboardingContext context, PrivateLinkSpec spec, CancellationToken ct)
        {
            var trust = new PrivateEndpointTrust
            {
                ClusterId = spec.ClusterId ?? context.ClusterId,
                RequesterSubscriptionId = spec.RequesterSubscriptionId,
                PrivateEndpointId = spec.PrivateEndpointId,
            };
            if (trust.IsEmpty)
            {
                throw new AstroNetworkException("PrivateEndpointRequesterNotTrusted", FailureKind.SecurityError,
                    "Name the requester in the file (ClusterId, RequesterSubscriptionId or PrivateEndpointId): a stranger's Pending connection looks like Astronomer's.", spec.ResourceId);
            }

            var outcome = (await PrivateLinkEngine.GetConnectionsAsync(new[] { spec.ResourceId }, null, 1, context.Log, ct).ConfigureAwait(false)).Single();
            var trusted = (outcome.Value ?? throw outcome.Error!).Where(c => trust.Mismatch(c) == null).ToList();
            foreach (var connection in trusted)
            {
                _connections[connection.Id] = (connection, trust);
                var approved = connection.Status == "Approved";
                Add(Action, connection.Id, connection.Name, approved ? OnboardingStatus.AlreadyDone : OnboardingStatus.ToDo,
                    $"{connection.ResourceName}: {connection.Status}{(approved ? "" : ", approve")} (requested from subscription {connection.RequesterSubscriptionId})");
            }

            if (trusted.Count == 0)
            {
                var item = Add(Action, spec.ResourceId, NameOf(spec.ResourceId), OnboardingStatus.Waiting,
                    "No private endpoint connection from Astronomer yet: Astronomer support creates the private endpoint.");
                item.NextStep = "Open a support ticket with the text in TicketText; re-run this file once the connection is Pending to approve it.";
                if (spec.GroupId != null)
                {
                    item.TicketText = (await PrivateLinkEngine.NewRequestAsync(spec.ResourceId, spec.GroupId, trust.ClusterId, context.Log, ct).ConfigureAwait(false)).TicketText;
                }
            }
        }

        protected override async Task ApplyCoreAsync(OnboardingContext context, IReadOnlyList<OnboardingItem> todo, CancellationToken ct)
        {
            foreach (var item in todo)
            {
                var (connection, trust) = _connections[item.Target];
                try
                {
                    var change = await PrivateLinkEngine.ApproveAsync(connection.ResourceId, connection.Name, trust, null, whatIf: false, context.Log, ct).ConfigureAwait(false);
                    Add(Action, item.Target, item.Name, change.Changed ? OnboardingStatus.Done : OnboardingStatus.AlreadyDone,
                        $"{change.ResourceName}: {change.StatusBefore} -> {change.StatusAfter}");
                }
                catch (AstroNetworkException ex)
                {
                    Fail(Action, item.Target, item.Name, ex);
                }
            }
        }
    }
}

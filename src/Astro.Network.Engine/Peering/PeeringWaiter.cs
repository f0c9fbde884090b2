using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Peering
{
    /// <summary>Waits for Astronomer's side of the peering: a peering to the cluster's range that is Connected and FullyInSync.</summary>
    internal sealed class PeeringWaiter
    {
        private const string Activity = "Wait for the Astro VNet peering";
        private readonly PeeringContext context;

        public PeeringWaiter(PeeringContext context)
        {
            this.context = context;
        }

        public async Task<VnetPeering> WaitAsync(PeeringWaitRequest request, CancellationToken ct)
        {
            if (request.Timeout <= TimeSpan.Zero || request.PollInterval <= TimeSpan.Zero)
            {
                throw new AstroNetworkException("InvalidWaitOptions", FailureKind.InvalidArgument, "Timeout and PollInterval must be positive.");
            }

            var ids = VirtualNetworkIds.Parse(request.VirtualNetworkId);
            var cluster = await new PeeringClusters(context.Astro, context.Log).GetAsync(request.ClusterId, ct).ConfigureAwait(false);
            var targets = new PeeringTargets(context);
            var clock = Stopwatch.StartNew();
            var lastState = "no peering to the cluster's range " + cluster.VpcSubnetRange + " exists yet";
            var warnedDisconnected = false;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var peering = (await targets.ListPeeringsAsync(ids, cluster, ct).ConfigureAwait(false))
                    .Where(p => p.IsAstroCluster)
                    .OrderByDescending(p => IsDone(p)).ThenByDescending(p => p.PeeringState == "Connected")
                    .FirstOrDefault();
                if (peering != null)
                {
                    if (IsDone(peering))
                    {
                        context.Log.Progress(Activity, $"{peering.Name} is Connected", 100);
                        return peering;
                    }

                    lastState = $"peering '{peering.Name}' is {peering.PeeringState}/{peering.PeeringSyncLevel}";
                    if (peering.PeeringState == "Disconnected" && !warnedDisconnected)
                    {
                        warnedDisconnected = true;
                        context.Log.Warning($"Peering '{peering.Name}' is Disconnected: the Astro side was removed or never re-created. Waiting for Astronomer support to re-create it.");
                    }
                }

                var elapsed = clock.Elapsed;
                var remaining = request.Timeout - elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw PeeringErrors.WaitTimeout(ids.Id, cluster.Id, request.Timeout, lastState);
                }

                context.Log.Progress(Activity, $"{lastState}; {Seconds(elapsed)} of {Seconds(request.Timeout)} s",
                    (int)Math.Min(99, elapsed.Ticks * 100 / request.Timeout.Ticks));
                await Task.Delay(remaining < request.PollInterval ? remaining : request.PollInterval, ct).ConfigureAwait(false);
            }
        }

        private static bool IsDone(VnetPeering p) =>
            string.Equals(p.PeeringState, "Connected", StringComparison.OrdinalIgnoreCase)
            && string.Equals(p.PeeringSyncLevel, "FullyInSync", StringComparison.OrdinalIgnoreCase);

        private static string Seconds(TimeSpan span) => ((long)span.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

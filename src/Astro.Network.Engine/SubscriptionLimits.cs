using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine
{
    /// <summary>
    /// How many resources of one subscription a fan-out works on at once. ARM throttles per subscription (and caller):
    /// a 429 halves that subscription's limit, once per round (a 429 from work started before the last cut does not
    /// cut again); it grows back by one after twice the ceiling of resources started since the last cut finished
    /// without a 429, down to 1 and up to the fan-out's own limit. Other subscriptions keep theirs.
    /// </summary>
    internal sealed class SubscriptionLimits
    {
        private readonly object sync = new object();
        private readonly Dictionary<string, Limit> limits = new Dictionary<string, Limit>(StringComparer.OrdinalIgnoreCase);
        private readonly int ceiling;
        private readonly IOperationLog log;
        private TaskCompletionSource<bool> changed = NewSignal();

        public SubscriptionLimits(int ceiling, IOperationLog log)
        {
            this.ceiling = Math.Max(1, ceiling);
            this.log = log;
        }

        /// <summary>The subscription's current limit (for tests and messages).</summary>
        public int LimitOf(string subscription)
        {
            lock (sync)
            {
                return Get(subscription).Value;
            }
        }

        /// <summary>Waits for a free place in the subscription; the returned slot is released when disposed.</summary>
        public async Task<Slot> EnterAsync(string subscription, CancellationToken ct)
        {
            while (true)
            {
                Task signal;
                lock (sync)
                {
                    var limit = Get(subscription);
                    if (limit.InFlight < limit.Value)
                    {
                        limit.InFlight++;
                        return new Slot(this, subscription, limit.Round);
                    }

                    signal = changed.Task;
                }

                await Task.WhenAny(signal, Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
                ct.ThrowIfCancellationRequested();
            }
        }

        private void Throttled(Slot slot)
        {
            lock (sync)
            {
                slot.SawThrottling = true;
                var limit = Get(slot.Subscription);
                if (slot.Round != limit.Round || limit.Value == 1)
                {
                    return;
                }

                limit.Value = Math.Max(1, limit.Value / 2);
                limit.Round++;
                limit.Finished = 0;
                log.Verbose($"Azure throttled subscription {slot.Subscription} (429): working on at most {limit.Value} of its resources at once until it recovers.");
            }
        }

        private void Release(Slot slot)
        {
            TaskCompletionSource<bool> signal;
            lock (sync)
            {
                var limit = Get(slot.Subscription);
                limit.InFlight--;
                if (!slot.SawThrottling && slot.Round == limit.Round && limit.Value < ceiling && ++limit.Finished >= 2 * ceiling)
                {
                    limit.Value++;
                    limit.Finished = 0;
                }

                signal = changed;
                changed = NewSignal();
            }

            signal.TrySetResult(true);
        }

        private Limit Get(string subscription)
        {
            if (!limits.TryGetValue(subscription, out var limit))
            {
                limit = new Limit { Value = ceiling };
                limits[subscription] = limit;
            }

            return limit;
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private sealed class Limit
        {
            public int Value;
            public int InFlight;
            public int Round;
            public int Finished;
        }

        /// <summary>One resource's place in its subscription.</summary>
        internal sealed class Slot : IDisposable
        {
            private readonly SubscriptionLimits owner;
            private int released;

            public Slot(SubscriptionLimits owner, string subscription, int round)
            {
                this.owner = owner;
                Subscription = subscription;
                Round = round;
            }

            public string Subscription { get; }

            public int Round { get; }

            public bool SawThrottling { get; set; }

            /// <summary>Called (through the busy scope) when a request of this resource got 429.</summary>
            public void Throttled() => owner.Throttled(this);

            public void Dispose()
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                {
                    owner.Release(this);
                }
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine
{
    /// <summary>
    /// Runs one piece of work per resource, at most <c>throttleLimit</c> at a time and fewer in a subscription that
    /// Azure throttles (<see cref="SubscriptionLimits"/>); a resource's AstroNetworkException becomes its outcome so the
    /// others carry on. Each resource is one operation: its own busy deadline (<see cref="Rest.BusyScope"/>).
    /// Reports progress when there is more than one resource.
    /// </summary>
    internal static class ResourceFanOut
    {
        public static async Task<IReadOnlyList<ResourceOutcome<T>>> RunAsync<T>(IReadOnlyList<string> resourceIds, int throttleLimit,
            string activity, IOperationLog log, CancellationToken ct, Func<string, CancellationToken, Task<T>> work)
        {
            using var gate = new SemaphoreSlim(Math.Max(1, throttleLimit));
            var subscriptions = new SubscriptionLimits(throttleLimit, log);
            var done = 0;
            var tasks = resourceIds.Select(async id =>
            {
                // The subscription's place first: a resource waiting out its subscription's throttling holds no global place.
                using var slot = await subscriptions.EnterAsync(SubscriptionOf(id), ct).ConfigureAwait(false);
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    using var busy = Rest.BusyScope.BeginOperation(BusyTimeout.Default, slot.Throttled);
                    return new ResourceOutcome<T>(id, await work(id, ct).ConfigureAwait(false), null);
                }
                catch (AstroNetworkException ex)
                {
                    return new ResourceOutcome<T>(id, default, ex);
                }
                finally
                {
                    gate.Release();
                    var finished = Interlocked.Increment(ref done);
                    if (resourceIds.Count > 1)
                    {
                        log.Progress(activity, $"{finished} of {resourceIds.Count} resources", finished * 100 / resourceIds.Count);
                    }
                }
            }).ToList();
            return await Task.WhenAll(tasks).ConfigureAwait(false);
        }

        /// <summary>"/subscriptions/{id}/..." gives {id}; anything else shares one limit.</summary>
        internal static string SubscriptionOf(string resourceId)
        {
            var parts = resourceId.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 1 && parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? parts[1] : "";
        }
    }
}

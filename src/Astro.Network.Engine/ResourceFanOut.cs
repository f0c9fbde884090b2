using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine
{
    /// <summary>
    /// Runs one piece of work per resource, at most <c>throttleLimit</c> at a time; a resource's AstroNetworkException
    /// becomes its outcome so the others carry on. Reports progress when there is more than one resource.
    /// </summary>
    internal static class ResourceFanOut
    {
        public static async Task<IReadOnlyList<ResourceOutcome<T>>> RunAsync<T>(IReadOnlyList<string> resourceIds, int throttleLimit,
            string activity, IOperationLog log, CancellationToken ct, Func<string, CancellationToken, Task<T>> work)
        {
            using var gate = new SemaphoreSlim(Math.Max(1, throttleLimit));
            var done = 0;
            var tasks = resourceIds.Select(async id =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
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
    }
}

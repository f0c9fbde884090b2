namespace Astro.Network.Emulator.Hosting;

/// <summary>What the meter saw for one subscription's ARM requests.</summary>
/// <param name="Peak">Most requests in flight at once.</param>
/// <param name="PeakAfterThrottle">
/// Most in flight at once among requests that arrived after every request in flight when the first 429 was answered
/// had finished (the client's reaction, without what it had sent before it knew); 0 before any 429.
/// </param>
/// <param name="RequestsAfterThrottle">How many requests arrived in that period.</param>
public sealed record SubscriptionConcurrency(int Peak, int PeakAfterThrottle, int RequestsAfterThrottle, bool Throttled);

/// <summary>In-flight ARM requests per subscription, for tests of a client's concurrency under 429; thread-safe.</summary>
public sealed class ConcurrencyMeter
{
    private readonly object _sync = new();
    private readonly Dictionary<string, Meter> _meters = new(StringComparer.OrdinalIgnoreCase);
    private long _next;

    /// <summary>A request to "/subscriptions/{id}/..." arrived; dispose when its answer is sent.</summary>
    public Visit Enter(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var subscription = parts.Length > 1 && parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? parts[1] : "";
        lock (_sync)
        {
            var meter = _meters.TryGetValue(subscription, out var m) ? m : _meters[subscription] = new Meter();
            var id = ++_next;
            meter.InFlight.Add(id);
            meter.Peak = Math.Max(meter.Peak, meter.InFlight.Count);
            if (meter.Draining is { Count: 0 })
            {
                meter.PeakAfter = Math.Max(meter.PeakAfter, meter.InFlight.Count);
                meter.RequestsAfter++;
            }
            return new Visit(this, meter, id);
        }
    }

    public IReadOnlyDictionary<string, SubscriptionConcurrency> Snapshot()
    {
        lock (_sync)
        {
            return _meters.ToDictionary(p => p.Key, p => new SubscriptionConcurrency(p.Value.Peak, p.Value.PeakAfter, p.Value.RequestsAfter, p.Value.Draining is not null),
                StringComparer.OrdinalIgnoreCase);
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _meters.Clear();
        }
    }

    private void Exit(Meter meter, long id, int status)
    {
        lock (_sync)
        {
            meter.InFlight.Remove(id);
            if (status == 429 && meter.Draining is null)
            {
                meter.Draining = [.. meter.InFlight];
            }
            meter.Draining?.Remove(id);
        }
    }

    private sealed class Meter
    {
        public readonly HashSet<long> InFlight = [];
        public HashSet<long>? Draining;
        public int Peak;
        public int PeakAfter;
        public int RequestsAfter;
    }

    /// <summary>One request in flight.</summary>
    public sealed class Visit(ConcurrencyMeter owner, object meter, long id)
    {
        public void Exit(int status) => owner.Exit((Meter)meter, id, status);
    }
}

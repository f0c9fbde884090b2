using Astro.Network.Emulator.Faults;
using Astro.Network.Engine;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;

namespace Astro.Network.Tests.Concurrency;

/// <summary>Under 429 the fan-out sends less at once to that subscription instead of failing resources.</summary>
public sealed class AdaptiveConcurrencyTests : IClassFixture<EmulatorFixture>
{
    private const int Limit = 8;
    private readonly EmulatorFixture fixture;
    private readonly RecordingLog log = new();

    public AdaptiveConcurrencyTests(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
        fixture.Host.Concurrency.Clear();
    }

    [Fact]
    public async Task A_429_halves_the_requests_in_flight_to_that_subscription_and_every_resource_still_gets_its_answer()
    {
        var context = await Peering.PeeringTestKit.ConnectAsync(fixture, log);
        var ids = Enumerable.Range(1, 24).Select(i =>
            $"/subscriptions/{EmulatorFixture.SubscriptionId}/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stbusy{i:00}").ToList();
        // Latency keeps requests overlapping; the first is throttled (Retry-After 0: at once, our own short pause).
        fixture.Host.Faults.Add(new FaultRule { Method = "GET", PathContains = "/storageAccounts/stbusy", Status = 429, RetryAfterSeconds = 0, LatencyMs = 100 });
        fixture.Host.Faults.Add(new FaultRule { Method = "GET", PathContains = "/storageAccounts/stbusy", LatencyMs = 100, Probability = 1 });
        fixture.Host.Concurrency.Clear();

        var outcomes = await ResourceFanOut.RunAsync(ids, Limit, "Read", log, CancellationToken.None,
            async (id, ct) => (await context.Azure.Arm.GetAsync(id, "2023-05-01", true, ct))?.Status ?? 404);

        var seen = fixture.Host.Concurrency.Snapshot()[EmulatorFixture.SubscriptionId];
        Assert.All(outcomes, o => Assert.Equal(404, o.Value));   // none failed: the throttled one was retried
        Assert.True(seen.Throttled);
        Assert.True(seen.RequestsAfterThrottle >= 8, $"only {seen.RequestsAfterThrottle} requests after the throttling drained");
        Assert.True(seen.PeakAfterThrottle <= Limit / 2, $"peak {seen.PeakAfterThrottle} in flight after a 429 (limit {Limit})");
        Assert.Contains(log.Lines, l => l.Contains($"throttled subscription {EmulatorFixture.SubscriptionId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_limit_halves_once_per_round_and_recovers_by_one_after_twice_the_ceiling_of_calm_resources()
    {
        var limits = new SubscriptionLimits(Limit, log);
        var a = await limits.EnterAsync("s1", CancellationToken.None);
        var b = await limits.EnterAsync("s1", CancellationToken.None);

        a.Throttled();
        b.Throttled();   // same burst: no second cut
        Assert.Equal(4, limits.LimitOf("s1"));
        Assert.Equal(Limit, limits.LimitOf("s2"));
        a.Dispose();
        b.Dispose();

        var c = await limits.EnterAsync("s1", CancellationToken.None);
        c.Throttled();   // started after the cut: cuts again
        c.Dispose();
        Assert.Equal(2, limits.LimitOf("s1"));

        for (var i = 0; i < 2 * Limit - 1; i++)
        {
            (await limits.EnterAsync("s1", CancellationToken.None)).Dispose();
        }
        Assert.Equal(2, limits.LimitOf("s1"));
        (await limits.EnterAsync("s1", CancellationToken.None)).Dispose();
        Assert.Equal(3, limits.LimitOf("s1"));
    }
}

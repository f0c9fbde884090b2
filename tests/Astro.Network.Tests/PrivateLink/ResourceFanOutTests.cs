using Astro.Network.Engine;
using Astro.Network.Tests.Engine;
using Xunit;

namespace Astro.Network.Tests.PrivateLink;

/// <summary>The per-resource fan-out behind Get-AstroPrivateEndpointConnection: bounded, one failure does not stop the rest.</summary>
public sealed class ResourceFanOutTests
{
    [Fact]
    public async Task Each_resource_gets_its_value_or_its_error_within_the_throttle()
    {
        var running = 0;
        var peak = 0;
        var log = new RecordingLog();

        var outcomes = await ResourceFanOut.RunAsync(new[] { "a", "bad", "c", "d" }, 2, "Read", log, CancellationToken.None, async (id, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(30, ct);
            Interlocked.Decrement(ref running);
            return id == "bad" ? throw new AstroNetworkException("Boom", FailureKind.InvalidData, "boom") : id.ToUpperInvariant();
        });

        Assert.Equal(new[] { "a", "bad", "c", "d" }, outcomes.Select(o => o.ResourceId));
        Assert.Equal(new[] { "A", null, "C", "D" }, outcomes.Select(o => o.Value));
        Assert.Equal("Boom", Assert.Single(outcomes, o => o.Error != null).Error!.ErrorId);
        Assert.Equal(2, peak);
        Assert.Equal(4, log.Lines.Count(l => l.StartsWith("PROGRESS: Read")));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Tests.Soak;

/// <summary>
/// The soak's operations, fixed in advance so the intended end state is known: per resource lane, add two new IPs then
/// remove the older of them (so adds and removes both stay in play); every fifth operation is a peering grant or revoke.
/// </summary>
internal sealed class SoakPlan
{
    private readonly SoakLane[] lanes;

    private SoakPlan(SoakLane[] lanes, int peeringCycles)
    {
        this.lanes = lanes;
        PeeringCycles = peeringCycles;
    }

    public int PeeringCycles { get; }

    public int Count => lanes.Sum(l => l.Steps.Count) + (PeeringCycles * 2);

    public SoakLane Lane(int index) => lanes[index];

    public static SoakPlan Create(int operations, int laneCount)
    {
        var peeringCycles = Math.Max(1, operations / 10);
        var allowlistOps = Math.Max(laneCount, operations - (peeringCycles * 2));
        var lanes = Enumerable.Range(0, laneCount).Select(_ => new SoakLane()).ToArray();
        for (var i = 0; i < allowlistOps; i++)
        {
            lanes[i % laneCount].Next(i % laneCount);
        }
        return new SoakPlan(lanes, peeringCycles);
    }
}

internal sealed class SoakLane
{
    private readonly List<(AllowlistOperation, string)> steps = [];
    private readonly List<string> present = [];
    private int added;

    public IReadOnlyList<(AllowlistOperation Operation, string Ip)> Steps => steps;

    /// <summary>Every IP this lane adds or removes.</summary>
    public HashSet<string> Touched { get; } = [];

    /// <summary>The IPs that must be present (once) at the end.</summary>
    public HashSet<string> Final => [.. present];

    public void Next(int lane)
    {
        if (steps.Count % 3 == 2)
        {
            var ip = present[0];
            present.RemoveAt(0);
            steps.Add((AllowlistOperation.Remove, ip));
            return;
        }
        // Public addresses (as Astro egress IPs are) in 40.100.0.0/12, which the seeded scenario never uses.
        var next = $"40.{100 + lane}.{added / 256 % 256}.{added % 256}";
        added++;
        present.Add(next);
        Touched.Add(next);
        steps.Add((AllowlistOperation.Add, next));
    }
}

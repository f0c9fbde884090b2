using System.Diagnostics;
using Astro.Network.Engine.Allowlist;
using Astro.Network.Engine;
using Astro.Network.Engine.Peering;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;
using Xunit.Abstractions;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.Soak;

/// <summary>
/// Many allowlist changes (LRO and plain types) and peering grant/revoke cycles while ~20% of ARM requests fail in
/// every way the emulator knows. The end state must be exactly as intended: each intended IP once, every seeded entry
/// intact, Astronomer's role assignments exactly the expected set. Size: ASTRO_SOAK_OPERATIONS (default 60).
/// </summary>
[Trait("Category", "Soak")]
public sealed class SoakTests : IClassFixture<EmulatorFixture>
{
    private static readonly string[] Resources =
    {
        "Microsoft.DBforPostgreSQL/flexibleServers/psql-contoso-data", "Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-data",
        "Microsoft.ContainerRegistry/registries/acrcontosodata", "Microsoft.ContainerService/managedClusters/aks-contoso-ops",
        "Microsoft.Network/networkSecurityGroups/nsg-contoso-data", "Microsoft.Storage/storageAccounts/stcontosodata01",
        "Microsoft.Sql/servers/sql-contoso-data",
    };

    private readonly EmulatorFixture fixture;
    private readonly ITestOutputHelper output;

    public SoakTests(EmulatorFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
    }

    private static int Operations => int.TryParse(Environment.GetEnvironmentVariable("ASTRO_SOAK_OPERATIONS"), out var n) && n > 0 ? n : 60;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("ASTRO_SOAK_SEED"), out var s) ? s : 20240607;

    [Fact]
    public async Task Every_operation_survives_injected_faults_and_the_end_state_is_exact()
    {
        var log = new RecordingLog();
        var context = await ConnectAsync(fixture, log);
        // Short waits so the run is quick; many retries so 20% faults rarely exhaust them (each retry is logged and counted).
        var settings = context.Azure.Settings;
        (settings.MaxRetries, settings.RetryDelay, settings.BusyRetryDelay, settings.MaxBusyRetryDelay, settings.MaxPollDelay) =
            (10, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20));
        var service = new AllowlistService(new RestArmJsonClient(context.Azure.Arm));
        var ids = Resources.Select(ResourceId).ToArray();
        var before = new Dictionary<string, IReadOnlyList<AllowlistEntry>>();
        foreach (var id in ids)
        {
            before[id] = await Entries(service, id);
        }
        var otherAssignments = Assignments(a => !IsAstronomers(a));
        var plan = SoakPlan.Create(Operations, ids.Length);
        var clock = Stopwatch.StartNew();

        foreach (var rule in SoakFaults.Rules(Seed))
        {
            fixture.Host.Faults.Add(rule);
        }
        var lanes = ids.Select((id, lane) => RunLaneAsync(service, id, plan.Lane(lane))).ToList();
        lanes.Add(RunPeeringAsync(new PeeringRoles(context), plan.PeeringCycles));
        var failures = (await Task.WhenAll(lanes)).SelectMany(f => f).ToList();
        var injected = fixture.Host.Faults.Injected;
        var armRequests = fixture.Host.Requests.Count(r => r.Service == "arm");
        fixture.Host.Faults.Clear();

        output.WriteLine($"{plan.Count} mutating operations ({plan.PeeringCycles * 2} peering) in {clock.Elapsed.TotalSeconds:0.0} s, seed {Seed}; "
            + $"{injected.Values.Sum()} faults over {armRequests} ARM requests ({100.0 * injected.Values.Sum() / Math.Max(1, armRequests):0.0}%):");
        foreach (var (kind, count) in injected)
        {
            output.WriteLine($"  {kind,-36} injected {count,5}");
        }
        output.WriteLine($"  request retries {log.Lines.Count(l => l.Contains("Retrying", StringComparison.Ordinal))}, operations failed {failures.Count}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.InRange(injected.Values.Sum(), armRequests * 0.12, armRequests * 0.30);
        Assert.Equal(SoakFaults.Rules(Seed).Select(r => r.Kind).Distinct().Order(), injected.Keys.Order());

        for (var lane = 0; lane < ids.Length; lane++)
        {
            var after = await Entries(service, ids[lane]);
            var intended = plan.Lane(lane).Final;
            foreach (var ip in plan.Lane(lane).Touched)
            {
                Assert.True(Count(after, ip) == (intended.Contains(ip) ? 1 : 0), $"{ip} is present {Count(after, ip)} times on {ids[lane]}");
            }
            Assert.All(before[ids[lane]], e => Assert.Single(after, a => a.Raw == e.Raw));
            Assert.Equal(before[ids[lane]].Count + intended.Count, after.Count);
        }
        Assert.Equal(otherAssignments, Assignments(a => !IsAstronomers(a)));
        var astronomers = Assignments(IsAstronomers);
        Assert.Equal(plan.PeeringCycles > 0 ? 3 : 0, astronomers.Count);
    }

    private async Task<List<string>> RunLaneAsync(AllowlistService service, string id, SoakLane lane)
    {
        var failures = new List<string>();
        foreach (var (operation, ip) in lane.Steps)
        {
            try
            {
                await service.ChangeAsync(new AllowlistRequest { ResourceId = id, Operation = operation, IpAddresses = new[] { ip }, Options = new FirewallOptions { Port = "*" } },
                    CancellationToken.None);
            }
            catch (Exception e)
            {
                failures.Add($"{operation} {ip} on {id}: {e.GetType().Name}: {e.Message}");
            }
        }
        return failures;
    }

    // Grant then revoke, ending on a grant: the three default scopes must hold exactly one assignment each.
    private async Task<List<string>> RunPeeringAsync(PeeringRoles roles, int cycles)
    {
        var failures = new List<string>();
        var hub = VnetId(fixture, "vnet-hub");
        for (var i = 0; i < cycles * 2; i++)
        {
            try
            {
                if (i % 2 == 0 || i == (cycles * 2) - 1)
                {
                    await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = hub }, CancellationToken.None);
                }
                else
                {
                    await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = hub }, CancellationToken.None);
                }
            }
            catch (Exception e)
            {
                failures.Add($"peering step {i}: {e.GetType().Name}: {e.Message}");
            }
        }
        return failures;
    }

    private static async Task<IReadOnlyList<AllowlistEntry>> Entries(AllowlistService service, string id) =>
        (await service.GetAsync(id, new FirewallOptions(), CancellationToken.None)).Entries;

    private static int Count(IEnumerable<AllowlistEntry> entries, string ip) =>
        entries.Count(e => IpRange.Parse(ip).Equals(IpRange.TryParseLenient(e.Value)));

    private List<string> Assignments(Func<System.Text.Json.Nodes.JsonObject, bool> which) => fixture.Host.State.Resources.All()
        .Where(r => r.Id.Contains("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase) && which(r.Body))
        .Select(r => r.Id + " " + (string?)r.Body["properties"]?["roleDefinitionId"]).OrderBy(x => x, StringComparer.Ordinal).ToList();

    private bool IsAstronomers(System.Text.Json.Nodes.JsonObject assignment) =>
        fixture.Host.State.ServicePrincipalsIn((string)EmulatorScenario.Tenant["id"]!)
            .Any(sp => string.Equals(sp.AppId, PeeringEngine.AstronomerAppId, StringComparison.OrdinalIgnoreCase)
                && sp.ObjectId == (string?)assignment["properties"]?["principalId"]);

    private string ResourceId(string typeAndName) => fixture.Host.State.Resources.All().Select(r => r.Id)
        .Single(id => id.EndsWith("/providers/" + typeAndName, StringComparison.OrdinalIgnoreCase));
}

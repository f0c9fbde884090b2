using Astro.Network.Engine.Allowlist;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;
using Xunit.Abstractions;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.Concurrency;

/// <summary>
/// Two writers, each signed in on its own, add (then remove) different IPs one call at a time on the same resource of
/// the emulator at the same time. Types whose firewall is one list without an ETag can lose a read-merge-write to the
/// other writer; the service must notice and redo it. SQL (one rule per IP) and NSG (If-Match) are the controls.
/// </summary>
public sealed class ConcurrentWritersTests : IClassFixture<EmulatorFixture>
{
    private const int PerWriter = 8;
    private readonly EmulatorFixture fixture;
    private readonly ITestOutputHelper output;

    public ConcurrentWritersTests(EmulatorFixture fixture, ITestOutputHelper output)
    {
        this.fixture = fixture;
        this.output = output;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
    }

    // The seeded resource of each type that can hold an allowlist (Standard/Premium tiers, public AKS).
    public static IEnumerable<object[]> Types => new[]
    {
        "Microsoft.Storage/storageAccounts/stcontosodata01", "Microsoft.KeyVault/vaults/kv-contoso-data",
        "Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-data", "Microsoft.ContainerRegistry/registries/acrcontosodata",
        "Microsoft.EventHub/namespaces/evhns-contoso-ingest", "Microsoft.ServiceBus/namespaces/sbns-contoso-events",
        "Microsoft.Web/sites/app-contoso-portal", "Microsoft.ContainerService/managedClusters/aks-contoso-ops",
        "Microsoft.Sql/servers/sql-contoso-data", "Microsoft.Network/networkSecurityGroups/nsg-contoso-data",
    }.Select(t => new object[] { t });

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Both_writers_sets_end_up_present_exactly_once_and_others_entries_stay(string type)
    {
        var race = await RaceAsync(type);

        await race.RunAsync(AllowlistOperation.Add);

        var after = await EntriesAsync(race.First, race.Id);
        foreach (var ip in race.FirstIps.Concat(race.SecondIps))
        {
            Assert.True(Count(after, ip) == 1, $"{ip} is present {Count(after, ip)} times on {type}");
        }
        Assert.Equal(race.Before.Select(e => e.Raw), after.Where(e => race.Before.Any(b => b.Raw == e.Raw)).Select(e => e.Raw));
        Assert.All(race.Before, e => Assert.Contains(after, a => a.Raw == e.Raw));
        output.WriteLine($"{type}: adds needed {race.Retries} extra read-merge-writes");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Concurrent_removals_stay_removed(string type)
    {
        var race = await RaceAsync(type);
        await Change(race.First, race.Id, AllowlistOperation.Add, race.FirstIps.Concat(race.SecondIps).ToArray());

        await race.RunAsync(AllowlistOperation.Remove);

        var after = await EntriesAsync(race.First, race.Id);
        Assert.All(race.FirstIps.Concat(race.SecondIps), ip => Assert.True(Count(after, ip) == 0, $"{ip} came back on {type}"));
        Assert.Equal(race.Before.Select(e => e.Raw), after.Select(e => e.Raw));
        output.WriteLine($"{type}: removals needed {race.Retries} extra read-merge-writes");
    }

    private static int Count(IEnumerable<AllowlistEntry> entries, string ip) =>
        entries.Count(e => IpRange.Parse(ip).Equals(IpRange.TryParseLenient(e.Value)));

    private static Task<AllowlistChange> Change(AllowlistService service, string id, AllowlistOperation operation, params string[] ips) =>
        service.ChangeAsync(new AllowlistRequest { ResourceId = id, Operation = operation, IpAddresses = ips, Options = new FirewallOptions { Port = "*" } }, CancellationToken.None);

    private static async Task<IReadOnlyList<AllowlistEntry>> EntriesAsync(AllowlistService service, string id) =>
        (await service.GetAsync(id, new FirewallOptions(), CancellationToken.None)).Entries;

    // Each writer has its own sign-in and HTTP pipeline, as a second process would.
    private async Task<Race> RaceAsync(string typeAndName)
    {
        var id = SeededResource(typeAndName);
        var (first, firstLog) = await WriterAsync();
        var (second, secondLog) = await WriterAsync();
        return new Race(id, first, firstLog, second, secondLog, await EntriesAsync(first, id));
    }

    private async Task<(AllowlistService, RecordingLog)> WriterAsync()
    {
        var log = new RecordingLog();
        var context = await ConnectAsync(fixture, log);
        return (new AllowlistService(new RestArmJsonClient(context.Azure.Arm), log: log), log);
    }

    private string SeededResource(string typeAndName) => fixture.Host.State.Resources.All().Select(r => r.Id)
        .Single(id => id.EndsWith("/providers/" + typeAndName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Two writers on one resource, each with its own IPs, and the entries the resource had before.</summary>
    private sealed record Race(string Id, AllowlistService First, RecordingLog FirstLog, AllowlistService Second, RecordingLog SecondLog,
        IReadOnlyList<AllowlistEntry> Before)
    {
        public string[] FirstIps { get; } = Ips(100);
        public string[] SecondIps { get; } = Ips(200);

        public int Retries => Retried(FirstLog) + Retried(SecondLog);

        /// <summary>Both writers at once, each applying its IPs one call at a time.</summary>
        public Task RunAsync(AllowlistOperation operation) =>
            Task.WhenAll(EachAsync(First, operation, FirstIps), EachAsync(Second, operation, SecondIps));

        private async Task EachAsync(AllowlistService service, AllowlistOperation operation, string[] ips)
        {
            foreach (var ip in ips)
            {
                await Change(service, Id, operation, ip);
            }
        }

        private static string[] Ips(int start) => Enumerable.Range(start, PerWriter).Select(i => $"198.51.100.{i}").ToArray();

        private static int Retried(RecordingLog log) => log.Lines.Count(l => l.Contains("Concurrent update", StringComparison.Ordinal));
    }
}

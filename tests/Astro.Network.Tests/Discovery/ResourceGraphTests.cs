using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Astro.Network.Engine.Discovery;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Peering;
using Xunit;

namespace Astro.Network.Tests.Discovery;

/// <summary>Resource Graph discovery against the emulator: paging, the quota window, and the same answer as listing.</summary>
public sealed class ResourceGraphTests(EmulatorFixture fixture) : PeeringTestBase(fixture)
{
    private static readonly string[] Subscriptions = [EmulatorFixture.SubscriptionId, EmulatorFixture.SecondSubscriptionId];

    private IReadOnlyList<IFirewallAdapter> AllTypes => FirewallAdapters.SupportedTypes.Select(FirewallAdapters.For).Distinct().ToList();

    [Fact]
    public async Task Finds_the_same_resources_as_listing_each_type_in_each_subscription()
    {
        var context = await PeeringTestKit.ConnectAsync(fixture, log);

        var graph = await ResourceDiscovery.FindAsync(DiscoveryScope.Subscriptions(Subscriptions), AllTypes, DiscoveryMode.ResourceGraph, context.Azure.Arm, context.Azure.Settings, log, CancellationToken.None);
        var listed = await ResourceDiscovery.FindAsync(DiscoveryScope.Subscriptions(Subscriptions), AllTypes, DiscoveryMode.ResourceList, context.Azure.Arm, context.Azure.Settings, log, CancellationToken.None);

        Assert.NotEmpty(graph.ResourceIds);
        Assert.Equal(listed.ResourceIds.OrderBy(i => i, StringComparer.OrdinalIgnoreCase), graph.ResourceIds.OrderBy(i => i, StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        Assert.All(graph.ResourceIds, id => Assert.NotNull(graph.Documents[id]["properties"]));
        Assert.Single(fixture.Host.Requests, r => r.Url.Contains("Microsoft.ResourceGraph", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Follows_skip_tokens_and_waits_out_a_spent_quota_before_the_next_page()
    {
        var context = await PeeringTestKit.ConnectAsync(fixture, log);
        context.Azure.Settings.ResourceGraphPageSize = 2;
        var settings = fixture.Host.State.Settings;
        (settings.ResourceGraphQuota, settings.ResourceGraphQuotaWindowMs) = (3, 60_000);
        var waits = new List<TimeSpan>();
        try
        {
            var client = new ResourceGraphClient(context.Azure.Arm, context.Azure.Settings, log, (wait, _) =>
            {
                waits.Add(wait);
                (settings.ResourceGraphQuota, settings.ResourceGraphQuotaWindowMs) = (1000, 1);   // the window resets
                return Task.CompletedTask;
            });

            var rows = await client.QueryAsync(ResourceDiscovery.Query(AllTypes.Select(t => t.ResourceType)), DiscoveryScope.Subscriptions(Subscriptions), CancellationToken.None);

            var expected = fixture.Host.State.Resources.All().Count(r => AllTypes.Any(t => r.Id.Contains("/providers/" + t.ResourceType + "/", StringComparison.OrdinalIgnoreCase)
                && r.Id.Split('/').Length == 9));
            Assert.Equal(expected, rows.Count);
            Assert.Equal(rows.Count, rows.Select(r => (string?)r["id"]).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            var wait = Assert.Single(waits);
            Assert.InRange(wait, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
            Assert.Contains(log.Lines, line => line.Contains("quota", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(fixture.Host.Requests, r => r.Status == 429);
        }
        finally
        {
            (settings.ResourceGraphQuota, settings.ResourceGraphQuotaWindowMs) = (15, 5000);
        }
    }

    [Fact]
    public async Task A_throttled_answer_is_retried_after_its_retry_after()
    {
        var context = await PeeringTestKit.ConnectAsync(fixture, log);
        var settings = fixture.Host.State.Settings;
        // A short window: its Retry-After (2 s) is honoured in full, within the busy timeout.
        (settings.ResourceGraphQuota, settings.ResourceGraphQuotaWindowMs) = (1, 2_000);
        try
        {
            var client = new ResourceGraphClient(context.Azure.Arm, context.Azure.Settings, log);
            var query = ResourceDiscovery.Query(AllTypes.Select(t => t.ResourceType));
            var first = await client.QueryAsync(query, DiscoveryScope.Subscriptions(Subscriptions), CancellationToken.None);

            // The window's quota is spent: the next query is refused 429 until the window resets, which happens once seen.
            var reset = Task.Run(async () =>
            {
                while (!fixture.Host.Requests.Any(r => r.Status == 429))
                {
                    await Task.Delay(20);
                }
                settings.ResourceGraphQuotaWindowMs = 1;
            });
            var second = await client.QueryAsync(query, DiscoveryScope.Subscriptions(Subscriptions), CancellationToken.None);
            await reset;

            Assert.Equal(first.Count, second.Count);
            Assert.Contains(fixture.Host.Requests, r => r.Status == 429 && r.Url.Contains("Microsoft.ResourceGraph", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            (settings.ResourceGraphQuota, settings.ResourceGraphQuotaWindowMs) = (15, 5000);
        }
    }
}

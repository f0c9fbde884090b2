using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Peering;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.Peering;

/// <summary>Waiting for Astronomer's side: support creates the peering (control API), the wait sees it connect; timeouts are errors.</summary>
public sealed class PeeringWaitTests(EmulatorFixture fixture) : PeeringTestBase(fixture)
{

    private string HubId => VnetId(fixture, "vnet-hub");

    private static string DedicatedId => ClusterId("azure-dedicated");

    private PeeringWaitRequest Wait(TimeSpan timeout) =>
        new() { VirtualNetworkId = HubId, ClusterId = DedicatedId, Timeout = timeout, PollInterval = TimeSpan.FromMilliseconds(50) };

    // Astronomer support: needs the grant, then peers both sides.
    private async Task<PeeringContext> GrantAndPeerAsync()
    {
        var context = await ConnectAsync(fixture, log);
        await new PeeringRoles(context).GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId, ClusterId = DedicatedId }, CancellationToken.None);
        using var client = fixture.CreateClient();
        var (response, body) = await fixture.SendAsync(client, HttpMethod.Post, $"_emulator/astro/clusters/{DedicatedId}/peerings",
            body: new JsonObject { ["virtualNetworkId"] = HubId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, body?.ToJsonString());
        return context;
    }

    [Fact]
    public async Task Wait_returns_the_astro_peering_once_connected_and_in_sync()
    {
        var context = await GrantAndPeerAsync();
        var before = await new PeeringTargets(context).GetPeeringsAsync(HubId, DedicatedId, CancellationToken.None);

        var peering = await new PeeringWaiter(context).WaitAsync(Wait(TimeSpan.FromSeconds(20)), CancellationToken.None);

        var astro = Assert.Single(before, p => p.IsAstroCluster);
        Assert.Equal("Initiated", astro.PeeringState);
        Assert.Equal(DedicatedId, astro.ClusterId);
        Assert.Equal(("Connected", "FullyInSync", true, DedicatedId), (peering.PeeringState, peering.PeeringSyncLevel, peering.IsAstroCluster, peering.ClusterId));
        Assert.Contains((string)Cluster("azure-dedicated")["vpcSubnetRange"]!, peering.RemoteAddressPrefixes);
        Assert.Contains(log.Lines, l => l.StartsWith("PROGRESS:"));
        Assert.DoesNotContain(before, p => !p.IsAstroCluster && p.ClusterId != null);
    }

    [Fact]
    public async Task Peerings_without_a_cluster_mark_none_as_astro()
    {
        var context = await GrantAndPeerAsync();

        var peerings = await new PeeringTargets(context).GetPeeringsAsync(HubId, null, CancellationToken.None);

        Assert.True(peerings.Count >= 2);
        Assert.All(peerings, p => Assert.Equal((false, (string?)null), (p.IsAstroCluster, p.ClusterId)));
    }

    [Fact]
    public async Task Without_a_peering_the_wait_times_out_naming_the_last_state()
    {
        var context = await ConnectAsync(fixture, log);

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => new PeeringWaiter(context).WaitAsync(Wait(TimeSpan.FromMilliseconds(300)), CancellationToken.None));

        Assert.Equal(("PeeringWaitTimeout", FailureKind.OperationTimeout), (ex.ErrorId, ex.Kind));
        Assert.Contains("no peering", ex.Message);
        Assert.Contains((string)Cluster("azure-dedicated")["vpcSubnetRange"]!, ex.Message);
    }

    [Fact]
    public async Task A_disconnected_peering_warns_once_and_times_out_naming_it()
    {
        var context = await GrantAndPeerAsync();
        await new PeeringWaiter(context).WaitAsync(Wait(TimeSpan.FromSeconds(20)), CancellationToken.None);
        using var client = fixture.CreateClient();
        var (response, _) = await fixture.SendAsync(client, HttpMethod.Delete, $"_emulator/astro/clusters/{DedicatedId}/peerings?virtualNetworkId={Uri.EscapeDataString(HubId)}");
        Assert.True(response.IsSuccessStatusCode);

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => new PeeringWaiter(context).WaitAsync(Wait(TimeSpan.FromMilliseconds(400)), CancellationToken.None));

        Assert.Equal("PeeringWaitTimeout", ex.ErrorId);
        Assert.Contains("Disconnected", ex.Message);
        Assert.Single(log.Lines, l => l.StartsWith("WARNING:") && l.Contains("Disconnected"));
    }

    [Fact]
    public async Task Cancelling_stops_the_wait()
    {
        var context = await ConnectAsync(fixture, log);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new PeeringWaiter(context).WaitAsync(Wait(TimeSpan.FromMinutes(5)), cancel.Token));
    }
}

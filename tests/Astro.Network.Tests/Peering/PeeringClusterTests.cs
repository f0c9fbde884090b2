using Astro.Network.Engine;
using Astro.Network.Engine.Peering;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.Peering;

/// <summary>Which Astro clusters can peer: dedicated/hybrid on Azure only, with a clear error for the others.</summary>
public sealed class PeeringClusterTests(EmulatorFixture fixture) : PeeringTestBase(fixture)
{

    private async Task<PeeringClusters> ClustersAsync() => new((await ConnectAsync(fixture, log)).Astro, log);

    [Theory]
    [InlineData("azure-dedicated")]
    [InlineData("azure-hybrid")]
    public async Task Dedicated_and_hybrid_azure_clusters_can_peer(string name)
    {
        var cluster = await (await ClustersAsync()).GetAsync(ClusterId(name), CancellationToken.None);

        Assert.Equal((ClusterId(name), (string)Cluster(name)["vpcSubnetRange"]!), (cluster.Id, cluster.VpcSubnetRange));
    }

    [Fact]
    public async Task A_standard_deployments_cluster_points_to_allowlists()
    {
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => ClustersAsync().Result.GetAsync(StandardClusterId, CancellationToken.None));

        Assert.Equal(("StandardClusterCannotPeer", FailureKind.InvalidOperation), (ex.ErrorId, ex.Kind));
        Assert.Contains("Add-AstroAllowlist", ex.Message);
        Assert.Contains("cannot peer", ex.Message);
    }

    [Fact]
    public async Task An_aws_cluster_is_not_on_azure()
    {
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => ClustersAsync().Result.GetAsync(ClusterId("aws-dedicated"), CancellationToken.None));

        Assert.Equal(("ClusterNotOnAzure", FailureKind.InvalidOperation), (ex.ErrorId, ex.Kind));
        Assert.Contains("AWS", ex.Message);
    }

    [Fact]
    public async Task An_unknown_cluster_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => ClustersAsync().Result.GetAsync("cm4nosuchcluster000000000", CancellationToken.None));

        Assert.Equal(("AstroClusterNotFound", FailureKind.ObjectNotFound), (ex.ErrorId, ex.Kind));
    }
}

using Astro.Network.Emulator.Faults;
using Astro.Network.Engine;
using Astro.Network.Engine.Astro;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Engine;

/// <summary>Astro sign-in and reads against the emulator's Astro API v1.</summary>
public sealed class EmulatorAstroTests : IClassFixture<EmulatorFixture>
{
    private const string Org = "org-test";
    private const string Token = "astro-test-token";
    private readonly EmulatorFixture fixture;
    private readonly RecordingLog log = new();

    public EmulatorAstroTests(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
        fixture.Host.ClearRequests();
    }

    private Uri ApiUrl => new(fixture.Host.BaseUri, "v1");

    private async Task<AstroService> ConnectAsync(string token = Token, int pageSize = 10)
    {
        var settings = FastSettings.Create();
        settings.AstroPageSize = pageSize;
        var context = await AstroSession.CreateContextAsync(SecureStrings.FromPlain(token), Org, ApiUrl, log, settings, CancellationToken.None);
        return new AstroService(context, log);
    }

    [Fact]
    public async Task Connect_validates_with_one_cheap_call_and_never_shows_the_token()
    {
        var context = await AstroSession.CreateContextAsync(SecureStrings.FromPlain(Token), Org, ApiUrl, log, FastSettings.Create(), CancellationToken.None);

        Assert.Equal((Org, "Parameter"), (context.Info.OrganizationId, context.Info.TokenSource));
        var call = Assert.Single(fixture.Host.Requests);
        Assert.Contains("/v1/organizations/org-test/clusters?offset=0&limit=1", call.Url);
        Assert.DoesNotContain(Token, context.Info.ToString());
        Assert.DoesNotContain(Token, log.All);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData(null)]
    public async Task Rejected_or_expired_token_tells_the_user_to_renew_it(string? token)
    {
        token ??= (string)EmulatorScenario.Organization(Org)["tokens"]!.AsArray().First(t => (bool?)t!["expired"] == true)!["value"]!;

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => ConnectAsync(token));

        Assert.Equal(("AstroAuthenticationFailed", FailureKind.AuthenticationError, 401), (ex.ErrorId, ex.Kind, ex.Status));
        Assert.Contains("Connect-Astro", ex.Message);
        Assert.DoesNotContain(token, ex.Message);
        Assert.NotNull(ex.RequestId);
    }

    [Fact]
    public async Task Token_of_another_organization_is_permission_denied()
    {
        var other = (string)EmulatorScenario.Organization("org-other")["tokens"]!.AsArray().First()!["value"]!;

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => ConnectAsync(other));

        Assert.Equal(("AstroPermissionDenied", FailureKind.PermissionDenied, 403), (ex.ErrorId, ex.Kind, ex.Status));
    }

    [Fact]
    public async Task Lists_every_deployment_across_pages()
    {
        var service = await ConnectAsync(pageSize: 10);
        fixture.Host.ClearRequests();

        var all = await service.GetDeploymentsAsync(null, null, null, CancellationToken.None);

        var expected = EmulatorScenario.Deployments(Org).Select(d => (string)d["id"]!).OrderBy(x => x).ToList();
        Assert.True(expected.Count > 20);
        Assert.Equal(expected, all.Select(d => d.Id).OrderBy(x => x));
        var pages = fixture.Host.Requests.Where(r => r.Url.Contains("/deployments")).ToList();
        Assert.Equal((expected.Count + 9) / 10, pages.Count);
        Assert.Contains(pages, p => p.Url.Contains("offset=20&limit=10"));
    }

    [Fact]
    public async Task Names_filter_on_the_server_wildcards_here_and_a_missing_name_is_an_error()
    {
        var service = await ConnectAsync();

        var etl = Assert.Single(await service.GetDeploymentsAsync(null, new[] { "etl" }, null, CancellationToken.None));
        var wild = await service.GetDeploymentsAsync(null, new[] { "REP*" }, null, CancellationToken.None);
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => service.GetDeploymentsAsync(null, new[] { "etl", "no-such-deployment" }, null, CancellationToken.None));
        var reported = new List<AstroNetworkException>();
        var partial = await service.GetDeploymentsAsync(null, new[] { "etl", "no-such-deployment" }, null, reported.Add, CancellationToken.None);

        Assert.Equal((string)EmulatorScenario.Deployment(Org, "etl")["id"]!, etl.Id);
        Assert.Contains(wild, d => d.Name == "reporting");
        Assert.All(wild, d => Assert.StartsWith("rep", d.Name, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(("AstroDeploymentNotFound", FailureKind.ObjectNotFound, (object)"no-such-deployment"), (ex.ErrorId, ex.Kind, ex.Target!));
        Assert.Equal("etl", Assert.Single(partial).Name);
        Assert.Equal("no-such-deployment", Assert.Single(reported).Target);
        Assert.Contains(fixture.Host.Requests, r => r.Url.Contains("names=etl"));
    }

    [Fact]
    public async Task Workspace_filter_returns_only_that_workspace()
    {
        var service = await ConnectAsync();
        var workspace = (string)EmulatorScenario.Deployment(Org, "etl")["workspaceId"]!;

        var inWorkspace = await service.GetDeploymentsAsync(null, null, new[] { workspace }, CancellationToken.None);

        var expected = EmulatorScenario.Deployments(Org).Count(d => (string?)d["workspaceId"] == workspace);
        Assert.Equal(expected, inWorkspace.Count);
        Assert.All(inWorkspace, d => Assert.Equal(workspace, d.WorkspaceId));
        Assert.True(expected < EmulatorScenario.Deployments(Org).Count);
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_with_the_id_as_target()
    {
        var service = await ConnectAsync();

        var deployment = await Assert.ThrowsAsync<AstroNetworkException>(() => service.GetDeploymentsAsync("cl0000000000000000000none", null, null, CancellationToken.None));
        var cluster = await Assert.ThrowsAsync<AstroNetworkException>(() => service.GetClustersAsync("cl0000000000000000000none", null, CancellationToken.None));

        Assert.Equal(("AstroDeploymentNotFound", 404, (object)"cl0000000000000000000none"), (deployment.ErrorId, deployment.Status, deployment.Target!));
        Assert.Equal(("AstroClusterNotFound", FailureKind.ObjectNotFound), (cluster.ErrorId, cluster.Kind));
    }

    [Fact]
    public async Task External_ips_of_a_dedicated_deployment_are_its_clusters_ips()
    {
        var service = await ConnectAsync();
        var etl = EmulatorScenario.Deployment(Org, "etl");
        var clusterId = (string)etl["clusterId"]!;

        var fromDeployment = await service.GetExternalIpsAsync((string)etl["id"]!, null, CancellationToken.None);
        var cluster = Assert.Single(await service.GetClustersAsync(clusterId, null, CancellationToken.None));
        var fromCluster = await service.GetExternalIpsAsync(null, clusterId, CancellationToken.None);

        Assert.NotEmpty(cluster.ExternalIps);
        Assert.Equal(cluster.ExternalIps.OrderBy(x => x), fromDeployment.Select(i => i.IpAddress).OrderBy(x => x));
        Assert.All(fromDeployment, ip => Assert.Equal(("Deployment", "etl", clusterId), (ip.SourceType, ip.SourceName, ip.ClusterId)));
        Assert.All(fromCluster, ip => Assert.Equal(("Cluster", clusterId), (ip.SourceType, ip.SourceId)));
        Assert.Equal("172.20.0.0/19", cluster.VpcSubnetRange);
        Assert.NotNull(cluster.OidcIssuerUrl);
    }

    [Fact]
    public async Task A_deployments_disaster_recovery_ips_come_with_source_DeploymentDR_unless_excluded()
    {
        var service = await ConnectAsync();
        var payments = EmulatorScenario.Deployment(Org, "payments");
        var id = (string)payments["id"]!;

        var all = await service.GetExternalIpsAsync(id, null, CancellationToken.None);
        var primary = await service.GetExternalIpsAsync(id, null, includeDisasterRecovery: false, CancellationToken.None);

        Assert.Equal(payments["drExternalIPs"]!.AsArray().Select(n => (string)n!), all.Where(i => i.SourceType == "DeploymentDR").Select(i => i.IpAddress));
        Assert.Equal(payments["externalIPs"]!.AsArray().Select(n => (string)n!), primary.Select(i => i.IpAddress));
        Assert.All(primary, i => Assert.Equal("Deployment", i.SourceType));
        Assert.All(all, i => Assert.Equal((id, "payments"), (i.DeploymentId!, i.SourceName)));
    }

    [Fact]
    public async Task Standard_deployment_has_its_own_ips_and_lists_no_standard_cluster()
    {
        var service = await ConnectAsync();

        var sandbox = Assert.Single(await service.GetDeploymentsAsync(null, new[] { "sandbox" }, null, CancellationToken.None));
        var clusters = await service.GetClustersAsync(null, null, CancellationToken.None);

        Assert.Equal("STANDARD", sandbox.Type);
        Assert.NotEmpty(sandbox.ExternalIps);
        Assert.DoesNotContain(clusters, c => c.Id == sandbox.ClusterId);
        Assert.Equal(EmulatorScenario.Clusters(Org).Count(c => (string?)c["type"] != "STANDARD"), clusters.Count);
    }

    [Fact]
    public async Task Throttling_is_retried_and_persistent_server_errors_fail_with_a_stable_id()
    {
        var service = await ConnectAsync();
        fixture.Host.Faults.Add(new FaultRule { Service = "astro", PathContains = "/deployments", Status = 429, RetryAfterSeconds = 1, Count = 1 });

        Assert.NotEmpty(await service.GetDeploymentsAsync(null, new[] { "etl" }, null, CancellationToken.None));

        fixture.Host.Faults.Add(new FaultRule { Service = "astro", PathContains = "/deployments", Status = 500, Count = 10 });
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => service.GetDeploymentsAsync(null, null, null, CancellationToken.None));
        Assert.Equal(("AstroRequestFailed", FailureKind.ConnectionError, 500), (ex.ErrorId, ex.Kind, ex.Status));
        Assert.Equal(4, fixture.Host.Requests.Count(r => r.Status == 500));
    }
}

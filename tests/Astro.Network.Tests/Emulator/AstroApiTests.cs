using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator;

[Collection(EmulatorCollection.Name)]
public sealed class AstroApiTests(EmulatorFixture fx) : EmulatorTestBase(fx)
{
    private const string Org = "v1/organizations/org-test";
    private Task<(HttpResponseMessage Response, JsonNode? Body)> Get(string url, string? token = EmulatorFixture.AstroToken) =>
        Fx.SendAsync(Client, HttpMethod.Get, url, token);

    [Fact]
    public async Task Deployments_are_paged_with_default_limit_20_and_total_count()
    {
        var (first, page1) = await Get($"{Org}/deployments");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(20, page1!["deployments"]!.AsArray().Count);
        Assert.Equal(20, (int)page1["limit"]!);
        Assert.Equal(0, (int)page1["offset"]!);
        var total = (int)page1["totalCount"]!;
        Assert.True(total > 20);

        var (_, page2) = await Get($"{Org}/deployments?offset=20&limit=20");
        Assert.Equal(total - 20, page2!["deployments"]!.AsArray().Count);
        var ids = page1["deployments"]!.AsArray().Concat(page2["deployments"]!.AsArray()).Select(d => (string)d!["id"]!).ToList();
        Assert.Equal(total, ids.Distinct().Count());
    }

    [Fact]
    public async Task Deployment_filters_use_repeated_keys()
    {
        var (_, byName) = await Get($"{Org}/deployments?names=etl&names=sandbox");
        Assert.Equal(new[] { "etl", "sandbox" }, byName!["deployments"]!.AsArray().Select(d => (string)d!["name"]!).Order());
        Assert.Equal(2, (int)byName["totalCount"]!);

        var (_, byWorkspace) = await Get($"{Org}/deployments?workspaceIds=cm1wsanalyt0000000000002&limit=100");
        var workspaces = byWorkspace!["deployments"]!.AsArray().Select(d => (string)d!["workspaceId"]!).Distinct().ToList();
        Assert.Equal(new[] { "cm1wsanalyt0000000000002" }, workspaces);

        var (_, byId) = await Get($"{Org}/deployments?deploymentIds=cm5rpt00000000000000000d2");
        Assert.Equal("reporting", (string)byId!["deployments"]![0]!["name"]!);
    }

    [Fact]
    public async Task Clusters_list_only_dedicated_and_hybrid_and_filter_by_provider_and_sort()
    {
        var (_, all) = await Get($"{Org}/clusters?sorts=name:desc");
        var names = all!["clusters"]!.AsArray().Select(c => (string)c!["name"]!).ToList();
        Assert.Equal(new[] { "azure-hybrid", "azure-dedicated", "aws-dedicated" }, names);
        Assert.All(all["clusters"]!.AsArray(), c => Assert.Contains((string)c!["type"]!, new[] { "DEDICATED", "HYBRID" }));

        var (_, azure) = await Get($"{Org}/clusters?provider=AZURE");
        Assert.Equal(2, (int)azure!["totalCount"]!);
        Assert.All(azure["clusters"]!.AsArray(), c => Assert.Equal("AZURE", (string)c!["cloudProvider"]!));
    }

    [Fact]
    public async Task Cluster_and_deployment_carry_the_v1_field_names_and_required_fields()
    {
        var (_, cluster) = await Get($"{Org}/clusters/cm4azded000000000000000a1");
        Assert.Equal("172.20.0.0/19", (string)cluster!["vpcSubnetRange"]!);
        Assert.Equal(2, cluster["metadata"]!["externalIPs"]!.AsArray().Count);
        Assert.StartsWith("https://eastus2.oic.prod-aks.azure.com/", (string)cluster["metadata"]!["oidcIssuerUrl"]!);
        foreach (var field in new[] { "cloudProvider", "createdAt", "dbInstanceType", "drRegion", "id", "isDrEnabled", "name", "organizationId", "region", "status", "type", "updatedAt", "vpcSubnetRange" })
        {
            Assert.NotNull(cluster[field]);
        }

        var (_, etl) = await Get($"{Org}/deployments/cm5etl00000000000000000d1");
        Assert.Equal("cm4azded000000000000000a1", (string)etl!["clusterId"]!);
        Assert.Equal("azure-dedicated", (string)etl["clusterName"]!);
        Assert.Equal(cluster["metadata"]!["externalIPs"]!.ToJsonString(), etl["externalIPs"]!.ToJsonString());
        foreach (var field in new[] { "airflowVersion", "apiUrl", "astroRuntimeVersion", "createdAt", "createdBy", "id", "imageRepository", "imageTag", "isCicdEnforced", "isDagDeployEnabled", "name", "namespace", "organizationId", "runtimeVersion", "schedulerCpu", "schedulerMemory", "schedulerReplicas", "status", "uiUrl", "updatedAt", "updatedBy", "webServerAirflowApiUrl", "webServerCpu", "webServerIngressHostname", "webServerMemory", "webServerUrl", "workspaceId" })
        {
            Assert.NotNull(etl[field]);
        }
    }

    [Fact]
    public async Task Standard_deployment_points_at_a_cluster_that_is_not_visible()
    {
        var (_, sandbox) = await Get($"{Org}/deployments/cm5sbx00000000000000000d3");
        Assert.Equal("STANDARD", (string)sandbox!["type"]!);
        var (response, error) = await Get($"{Org}/clusters/{(string)sandbox["clusterId"]!}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertAstroError(response, error, 404);
    }

    [Theory]
    [InlineData("none", HttpStatusCode.Unauthorized)]
    [InlineData("malformed", HttpStatusCode.Unauthorized)]
    [InlineData("expired", HttpStatusCode.Unauthorized)]
    [InlineData("other organization", HttpStatusCode.Forbidden)]
    public async Task Bad_tokens_are_rejected_with_the_astro_error_body(string kind, HttpStatusCode expected)
    {
        // Labels, not the tokens: test names end up in result files, which are swept for secrets.
        var token = kind switch
        {
            "none" => null,
            "malformed" => "not-a-token",
            "expired" => "astro-expired-token",
            _ => "astro-other-token",
        };
        var (response, body) = await Get($"{Org}/clusters", token);
        Assert.Equal(expected, response.StatusCode);
        AssertAstroError(response, body, (int)expected);
    }

    [Theory]
    [InlineData("clusters?offset=-1")]
    [InlineData("clusters?limit=1001")]
    [InlineData("clusters?limit=abc")]
    [InlineData("clusters?sorts=size:asc")]
    [InlineData("clusters?provider=ORACLE")]
    [InlineData("deployments?offset=-5")]
    public async Task Bad_paging_or_filters_give_400(string query)
    {
        var (response, body) = await Get($"{Org}/{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertAstroError(response, body, 400);
    }

    [Fact]
    public async Task Deployment_limit_above_1000_is_allowed_as_in_the_spec()
    {
        var (response, body) = await Get($"{Org}/deployments?limit=5000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((int)body!["totalCount"]!, body["deployments"]!.AsArray().Count);
    }

    [Fact]
    public async Task Unknown_deployment_is_404()
    {
        var (response, body) = await Get($"{Org}/deployments/cm5doesnotexist0000000000");
        AssertAstroError(response, body, 404);
    }

    [Fact]
    public async Task Control_api_sets_cluster_and_deployment_external_ips_together()
    {
        using var content = new StringContent("[\"192.0.2.77\",\"192.0.2.78\",\"192.0.2.79\"]", Encoding.UTF8, "application/json");
        var set = await Client.PostAsync("_emulator/astro/clusters/cm4azded000000000000000a1/external-ips", content);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var (_, cluster) = await Get($"{Org}/clusters/cm4azded000000000000000a1");
        var (_, reporting) = await Get($"{Org}/deployments/cm5rpt00000000000000000d2");
        const string expected = "[\"192.0.2.77\",\"192.0.2.78\",\"192.0.2.79\"]";
        Assert.Equal(expected, cluster!["metadata"]!["externalIPs"]!.ToJsonString());
        Assert.Equal(expected, reporting!["externalIPs"]!.ToJsonString());
    }

    private static void AssertAstroError(HttpResponseMessage response, JsonNode? body, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrEmpty((string?)body!["message"]));
        Assert.False(string.IsNullOrEmpty((string?)body["requestId"]));
        Assert.Equal(status, (int)body["statusCode"]!);
    }
}

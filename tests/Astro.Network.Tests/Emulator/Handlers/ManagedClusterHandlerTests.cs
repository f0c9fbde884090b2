using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

public sealed class ManagedClusterHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Clusters = Data + "Microsoft.ContainerService/managedClusters";
    private const string Ops = Clusters + "/aks-contoso-ops?api-version=2026-05-01";
    private const string Private = Clusters + "/aks-contoso-private?api-version=2026-05-01";
    private const string Busy = Clusters + "/aks-contoso-busy?api-version=2026-05-01";
    private const string Stopped = Clusters + "/aks-contoso-stopped?api-version=2026-05-01";

    private static Dictionary<string, string> IfMatch(string etag) => new() { ["If-Match"] = etag };

    private static JsonArray Ranges(JsonObject cluster) => cluster["properties"]!["apiServerAccessProfile"]!["authorizedIPRanges"]!.AsArray();

    [Fact]
    public async Task Get_returns_the_cluster_with_its_authorized_ranges()
    {
        var cluster = await GetOk(Ops);
        Assert.Equal("Microsoft.ContainerService/managedClusters", (string)cluster["type"]!);
        Assert.Equal("Succeeded", (string)cluster["properties"]!["provisioningState"]!);
        Assert.Equal(["203.0.113.0/24", "198.51.100.7/32"], Strings(Ranges(cluster)));
        Assert.StartsWith("W/", (string)cluster["eTag"]!);
        Assert.Equal((string)cluster["eTag"]!, (string)cluster["properties"]!["agentPoolProfiles"]![0]!["eTag"]!);
    }

    [Fact]
    public async Task Put_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var cluster = await GetOk(Ops);
        var etag = (string)cluster["eTag"]!;
        var (tags, _) = await Send(HttpMethod.Patch, Ops, JsonNode.Parse("""{"tags":{"team":"ops"}}"""));
        Assert.Equal("Succeeded", await PollAsyncOperation(tags));
        Ranges(cluster).Add("192.0.2.10/32");

        await AssertError(Send(HttpMethod.Put, Ops, cluster, IfMatch(etag)), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        await AssertError(Send(HttpMethod.Put, Clusters + "/aks-missing?api-version=2026-05-01", cluster, IfMatch("*")), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Equal(2, Ranges(await GetOk(Ops)).Count);

        var current = await GetOk(Ops);
        Ranges(current).Add("192.0.2.10/32");
        var (ok, _) = await Send(HttpMethod.Put, Ops, current, IfMatch((string)current["eTag"]!));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual(etag, (string)(await GetOk(Ops))["eTag"]!);
    }

    [Fact]
    public async Task Put_while_another_operation_runs_or_the_cluster_is_stopped_is_409_OperationNotAllowed()
    {
        await AssertError(Send(HttpMethod.Put, Busy, await GetOk(Busy)), HttpStatusCode.Conflict, "OperationNotAllowed");
        await AssertError(Send(HttpMethod.Put, Stopped, await GetOk(Stopped)), HttpStatusCode.Conflict, "OperationNotAllowed");
    }

    [Fact]
    public async Task The_outbound_public_ip_is_readable()
    {
        var cluster = await GetOk(Ops);
        var ipId = (string)cluster["properties"]!["networkProfile"]!["loadBalancerProfile"]!["effectiveOutboundIPs"]![0]!["id"]!;
        var ip = await GetOk(ipId.TrimStart('/') + "?api-version=2024-01-01");
        Assert.Equal(("198.51.100.150", "Succeeded"), ((string)ip["properties"]!["ipAddress"]!, (string)ip["properties"]!["provisioningState"]!));
    }

    [Fact]
    public async Task Put_of_the_whole_cluster_is_long_running_and_keeps_the_rest()
    {
        var cluster = await GetOk(Ops);
        Ranges(cluster).Add("192.0.2.10/32");
        var (response, body) = await Send(HttpMethod.Put, Ops, cluster);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Updating", (string)body!["properties"]!["provisioningState"]!);
        Assert.Contains("/providers/Microsoft.ContainerService/locations/eastus2/operations/", response.Headers.GetValues("Azure-AsyncOperation").Single());
        Assert.Equal("Succeeded", await PollAsyncOperation(response));

        var after = await GetOk(Ops);
        Assert.Equal("Succeeded", (string)after["properties"]!["provisioningState"]!);
        Assert.Equal(["203.0.113.0/24", "198.51.100.7/32", "192.0.2.10/32"], Strings(Ranges(after)));
        Assert.Equal("system", (string)after["properties"]!["agentPoolProfiles"]![0]!["name"]!);
        Assert.Equal("platform", (string)after["tags"]!["team"]!);
    }

    [Fact]
    public async Task Patch_updates_tags_only()
    {
        var (response, _) = await Send(HttpMethod.Patch, Ops, JsonNode.Parse("""
            {"tags":{"team":"ops"},"properties":{"apiServerAccessProfile":{"authorizedIPRanges":["192.0.2.10/32"]}}}
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Succeeded", await PollAsyncOperation(response));
        var after = await GetOk(Ops);
        Assert.Equal("ops", (string)after["tags"]!["team"]!);
        Assert.Equal(["203.0.113.0/24", "198.51.100.7/32"], Strings(Ranges(after)));
    }

    [Theory]
    [InlineData("192.0.2.10")]
    [InlineData("192.0.2.10/33")]
    [InlineData("2001:db8::/48")]
    [InlineData("AzureCloud")]
    public async Task Ranges_must_be_ipv4_cidrs(string range)
    {
        var cluster = await GetOk(Ops);
        Ranges(cluster).Add(range);
        await AssertError(Send(HttpMethod.Put, Ops, cluster), HttpStatusCode.BadRequest, "InvalidParameter");
        Assert.Equal(2, Ranges(await GetOk(Ops)).Count);
    }

    [Fact]
    public async Task Private_clusters_reject_authorized_ranges_and_more_than_200_are_rejected()
    {
        var cluster = await GetOk(Private);
        cluster["properties"]!["apiServerAccessProfile"]!["authorizedIPRanges"] = new JsonArray("192.0.2.10/32");
        await AssertError(Send(HttpMethod.Put, Private, cluster), HttpStatusCode.BadRequest, "InvalidParameter");

        var ops = await GetOk(Ops);
        ops["properties"]!["apiServerAccessProfile"]!["authorizedIPRanges"] =
            new JsonArray(Enumerable.Range(0, 201).Select(i => (JsonNode)$"198.18.{i / 256}.{i % 256}/32").ToArray());
        await AssertError(Send(HttpMethod.Put, Ops, ops), HttpStatusCode.BadRequest, "InvalidParameter");
    }

    [Fact]
    public async Task Put_without_agent_pools_or_location_is_rejected()
    {
        var cluster = await GetOk(Ops);
        cluster["properties"]!.AsObject().Remove("agentPoolProfiles");
        await AssertError(Send(HttpMethod.Put, Ops, cluster), HttpStatusCode.BadRequest, "InvalidParameter");
        var moved = await GetOk(Ops);
        moved["location"] = "westeurope";
        await AssertError(Send(HttpMethod.Put, Ops, moved), HttpStatusCode.BadRequest, "LocationNotMatch");
    }

    [Fact]
    public async Task Clusters_list_by_subscription()
    {
        var clusters = await ListAll($"{Sub}/providers/Microsoft.ContainerService/managedClusters?api-version=2026-05-01");
        Assert.Equal(["aks-contoso-busy", "aks-contoso-ops", "aks-contoso-private", "aks-contoso-stopped"], clusters.Select(c => (string)c["name"]!));
    }
}

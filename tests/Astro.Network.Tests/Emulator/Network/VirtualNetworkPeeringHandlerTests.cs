using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Tests.Emulator.Handlers;
using Xunit;

namespace Astro.Network.Tests.Emulator.Network;

public sealed class VirtualNetworkPeeringHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Version = "?api-version=2024-01-01";
    private const string Vnets = Sub + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/";
    private const string Partner = "/subscriptions/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d/resourceGroups/rg-partner/providers/Microsoft.Network/virtualNetworks/vnet-partner";

    private static string Id(string vnet) => "/" + Vnets + vnet;

    private static JsonObject Peering(string remoteId, params string[] remoteSpace) => new()
    {
        ["properties"] = new JsonObject
        {
            ["remoteVirtualNetwork"] = new JsonObject { ["id"] = remoteId },
            ["allowVirtualNetworkAccess"] = true,
            ["remoteAddressSpace"] = new JsonObject { ["addressPrefixes"] = new JsonArray(remoteSpace.Select(s => (JsonNode)s).ToArray()) },
        },
    };

    private static string State(JsonNode peering) => (string)peering["properties"]!["peeringState"]!;
    private static string Sync(JsonNode peering) => (string)peering["properties"]!["peeringSyncLevel"]!;

    [Fact]
    public async Task Seeded_peerings_are_connected_and_the_vnet_body_embeds_the_child_resources()
    {
        var (response, body) = await Send(HttpMethod.Get, Vnets + "vnet-hub/virtualNetworkPeerings/hub-to-shared" + Version);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var peering = body!.AsObject();
        Assert.Equal(response.Headers.ETag?.ToString(), (string)peering["etag"]!);
        Assert.Equal(Id("vnet-hub") + "/virtualNetworkPeerings/hub-to-shared", (string)peering["id"]!);
        Assert.Equal("Microsoft.Network/virtualNetworks/virtualNetworkPeerings", (string)peering["type"]!);
        Assert.Equal(("Connected", "FullyInSync"), (State(peering), Sync(peering)));
        Assert.Equal(Id("vnet-shared"), (string)peering["properties"]!["remoteVirtualNetwork"]!["id"]!);
        Assert.Equal(["10.2.0.0/16"], Strings(peering["properties"]!["remoteVirtualNetworkAddressSpace"]!["addressPrefixes"]));

        var vnet = await GetOk(Vnets + "vnet-hub" + Version);
        var listed = await ListAll(Vnets + "vnet-hub/virtualNetworkPeerings" + Version);
        Assert.Equal(listed.Select(p => p.ToJsonString()), vnet["properties"]!["virtualNetworkPeerings"]!.AsArray().Select(p => p!.ToJsonString()));
        Assert.Equal(peering.ToJsonString(), listed.Single().ToJsonString());

        var spoke = await GetOk(Vnets + "vnet-spoke/virtualNetworkPeerings/spoke-to-partner" + Version);
        Assert.Equal(["172.20.8.0/24"], Strings(spoke["properties"]!["remoteAddressSpace"]!["addressPrefixes"]));
        Assert.Empty((await GetOk(Vnets + "vnet-overlap" + Version))["properties"]!["virtualNetworkPeerings"]!.AsArray());
    }

    [Fact]
    public async Task Put_is_long_running_initiated_until_the_other_side_exists_then_both_connect()
    {
        var (response, body) = await Send(HttpMethod.Put, Vnets + "vnet-spoke/virtualNetworkPeerings/spoke-to-shared" + Version, Peering(Id("vnet-shared")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Updating", (string)body!["properties"]!["provisioningState"]!);
        Assert.Equal("Initiated", State(body));
        Assert.Equal(response.Headers.ETag?.ToString(), (string)body["etag"]!);
        Assert.Contains("/providers/Microsoft.Network/locations/eastus2/operations/", response.Headers.GetValues("Azure-AsyncOperation").Single());
        Assert.Equal("0", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Succeeded", await PollAsyncOperation(response));

        var initiated = await GetOk(Vnets + "vnet-spoke/virtualNetworkPeerings/spoke-to-shared" + Version);
        Assert.Equal(("Initiated", "Succeeded"), (State(initiated), (string)initiated["properties"]!["provisioningState"]!));
        Assert.Equal(["10.2.0.0/16"], Strings(initiated["properties"]!["remoteAddressSpace"]!["addressPrefixes"]));

        var (back, backBody) = await Send(HttpMethod.Put, Vnets + "vnet-shared/virtualNetworkPeerings/shared-to-spoke" + Version, Peering(Id("vnet-spoke")));
        Assert.Equal(HttpStatusCode.Created, back.StatusCode);
        Assert.Equal(("Connected", "FullyInSync"), (State(backBody!), Sync(backBody!)));
        var connected = await GetOk(Vnets + "vnet-spoke/virtualNetworkPeerings/spoke-to-shared" + Version);
        Assert.Equal(("Connected", "FullyInSync"), (State(connected), Sync(connected)));
        Assert.NotEqual((string)initiated["etag"]!, (string)connected["etag"]!);

        // The other peerings of both VNets are untouched.
        Assert.Equal(["hub-to-shared"], (await ListAll(Vnets + "vnet-hub/virtualNetworkPeerings" + Version)).Select(p => (string)p["name"]!));
        Assert.Equal(["shared-to-hub", "shared-to-spoke"], (await ListAll(Vnets + "vnet-shared/virtualNetworkPeerings" + Version)).Select(p => (string)p["name"]!));
    }

    [Fact]
    public async Task Delete_is_long_running_and_leaves_the_other_side_disconnected()
    {
        var (response, body) = await Send(HttpMethod.Delete, Vnets + "vnet-shared/virtualNetworkPeerings/shared-to-hub" + Version);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Null(body);
        var location = new Uri(response.Headers.Location!.ToString()).PathAndQuery;
        Assert.Contains("/operationResults/", location);
        var (done, _) = await Send(HttpMethod.Get, location);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);

        await AssertError(Send(HttpMethod.Get, Vnets + "vnet-shared/virtualNetworkPeerings/shared-to-hub" + Version), HttpStatusCode.NotFound, "NotFound");
        Assert.Equal("Disconnected", State(await GetOk(Vnets + "vnet-hub/virtualNetworkPeerings/hub-to-shared" + Version)));
        var (again, _) = await Send(HttpMethod.Delete, Vnets + "vnet-shared/virtualNetworkPeerings/shared-to-hub" + Version);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task Paged_list_follows_next_link()
    {
        foreach (var (name, prefix) in new[] { ("a-partner", "192.168.10.0/24"), ("b-partner", "192.168.20.0/24") })
        {
            var remote = Partner.Replace("vnet-partner", name);
            var (response, _) = await Send(HttpMethod.Put, Vnets + "vnet-hub/virtualNetworkPeerings/" + name + Version, Peering(remote, prefix));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        var first = await GetOk(Vnets + "vnet-hub/virtualNetworkPeerings" + Version);
        Assert.Equal(2, first["value"]!.AsArray().Count);
        Assert.NotNull(first["nextLink"]);
        var all = await ListAll(Vnets + "vnet-hub/virtualNetworkPeerings" + Version);
        Assert.Equal(["hub-to-shared", "a-partner", "b-partner"], all.Select(p => (string)p["name"]!));
    }

    [Fact]
    public async Task Azure_validation_rejects_overlaps_missing_remote_and_remote_gateways_without_writing()
    {
        var before = await GetOk(Vnets + "vnet-hub" + Version);
        var (response, body) = await Send(HttpMethod.Put, Vnets + "vnet-hub/virtualNetworkPeerings/overlap" + Version, Peering(Partner, "10.1.5.0/24"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VnetAddressSpacesOverlap", (string)body!["error"]!["code"]!);
        Assert.Contains("10.1.0.0/16", (string)body["error"]!["message"]!);
        Assert.Contains("10.1.5.0/24", (string)body["error"]!["message"]!);

        var (peered, peeredBody) = await Send(HttpMethod.Put, Vnets + "vnet-spoke/virtualNetworkPeerings/astro" + Version,
            Peering(Partner.Replace("vnet-partner", "vnet-astro"), "172.20.0.0/19"));
        Assert.Equal(HttpStatusCode.BadRequest, peered.StatusCode);
        Assert.Equal("VnetAddressSpaceOverlapsWithAlreadyPeeredVnet", (string)peeredBody!["error"]!["code"]!);
        Assert.Contains("172.20.8.0/24", (string)peeredBody["error"]!["message"]!);

        await AssertError(Send(HttpMethod.Put, Vnets + "vnet-hub/virtualNetworkPeerings/none" + Version, new JsonObject { ["properties"] = new JsonObject() }),
            HttpStatusCode.BadRequest, "InvalidRequestFormat");
        var gateways = Peering(Id("vnet-overlap"));
        gateways["properties"]!["useRemoteGateways"] = true;
        await AssertError(Send(HttpMethod.Put, Vnets + "vnet-hub/virtualNetworkPeerings/gw" + Version, gateways), HttpStatusCode.BadRequest, "RemoteVnetHasNoGateways");

        Assert.Equal(before.ToJsonString(), (await GetOk(Vnets + "vnet-hub" + Version)).ToJsonString());
    }

    [Fact]
    public async Task If_match_is_honoured_on_put_and_delete()
    {
        const string url = Vnets + "vnet-hub/virtualNetworkPeerings/hub-to-shared" + Version;
        var peering = await GetOk(url);
        var stale = new Dictionary<string, string> { ["If-Match"] = "W/\"00000000-0000-0000-0000-000000000000\"" };
        await AssertError(Send(HttpMethod.Put, url, peering, stale), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        await AssertError(Send(HttpMethod.Delete, url, null, stale), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Equal(peering.ToJsonString(), (await GetOk(url)).ToJsonString());

        peering["properties"]!["allowForwardedTraffic"] = true;
        var (ok, updated) = await Send(HttpMethod.Put, url, peering, new Dictionary<string, string> { ["If-Match"] = (string)peering["etag"]! });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True((bool)updated!["properties"]!["allowForwardedTraffic"]!);
        Assert.Equal("Connected", State(updated));
        await AssertError(Send(HttpMethod.Put, Vnets + "vnet-hub/virtualNetworkPeerings/missing" + Version, Peering(Partner, "192.168.0.0/24"),
            new Dictionary<string, string> { ["If-Match"] = "*" }), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
    }

    [Fact]
    public async Task Address_space_change_needs_a_sync_put_to_be_fully_in_sync_again()
    {
        var shared = await GetOk(Vnets + "vnet-shared" + Version);
        shared["properties"]!["addressSpace"]!["addressPrefixes"]!.AsArray().Add("10.4.0.0/16");
        var (put, _) = await Send(HttpMethod.Put, Vnets + "vnet-shared" + Version, shared);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["shared-to-hub"], Strings((await GetOk(Vnets + "vnet-shared" + Version))["properties"]!["virtualNetworkPeerings"], "name"));

        const string hubSide = Vnets + "vnet-hub/virtualNetworkPeerings/hub-to-shared" + Version;
        var stale = await GetOk(hubSide);
        Assert.Equal("RemoteNotInSync", Sync(stale));
        Assert.Equal(["10.2.0.0/16", "10.4.0.0/16"], Strings(stale["properties"]!["remoteVirtualNetworkAddressSpace"]!["addressPrefixes"]));
        Assert.Equal(["10.2.0.0/16"], Strings(stale["properties"]!["remoteAddressSpace"]!["addressPrefixes"]));
        Assert.Equal("LocalNotInSync", Sync(await GetOk(Vnets + "vnet-shared/virtualNetworkPeerings/shared-to-hub" + Version)));

        var (plain, plainBody) = await Send(HttpMethod.Put, hubSide, stale);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("RemoteNotInSync", Sync(plainBody!));
        var (synced, syncedBody) = await Send(HttpMethod.Put, hubSide + "&syncRemoteAddressSpace=true", stale);
        Assert.Equal(HttpStatusCode.OK, synced.StatusCode);
        Assert.Equal("FullyInSync", Sync(syncedBody!));
        Assert.Equal(["10.2.0.0/16", "10.4.0.0/16"], Strings(syncedBody!["properties"]!["remoteAddressSpace"]!["addressPrefixes"]));
        Assert.Equal("FullyInSync", Sync(await GetOk(Vnets + "vnet-shared/virtualNetworkPeerings/shared-to-hub" + Version)));
    }
}

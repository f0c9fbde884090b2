using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace Astro.Network.Tests.Emulator.PrivateLink;

public sealed class PrivateEndpointControlTests(EmulatorFixture fx) : PrivateLinkTestBase(fx)
{
    [Fact]
    public async Task Creates_a_pending_connection_named_and_described_for_the_cluster()
    {
        var c = Cases["storage"];
        var (response, body) = await RequestEndpoint(c.ResourceId, "BLOB");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = (string)body!["name"]!;
        Assert.Matches(new Regex($"^astro-{Cluster}-blob\\.[0-9a-f]{{8}}$"), name);
        Assert.Equal(body.ToJsonString(), (await GetOk(Url(c, name))).ToJsonString());
        var state = body["properties"]!["privateLinkServiceConnectionState"]!;
        Assert.Equal("Pending", (string)state["status"]!);
        Assert.Equal($"Requested by Astronomer for cluster {Cluster}", (string)state["description"]!);
        Assert.Equal(
            $"/subscriptions/00000000-0000-4000-8000-00000000a570/resourceGroups/astro-{Cluster}/providers/Microsoft.Network/privateEndpoints/pe-blob-2",
            (string)body["properties"]!["privateEndpoint"]!["id"]!);
        // Control calls are not ARM traffic: nothing recorded.
        Assert.DoesNotContain(Fx.Host.Requests, r => r.Url.Contains("private-endpoints"));
    }

    [Fact]
    public async Task Takes_a_given_name_and_description_and_refuses_a_duplicate()
    {
        var c = Cases["keyvault"];
        var (response, body) = await Fx.SendAsync(Client, HttpMethod.Post, "_emulator/private-endpoints", body: new JsonObject
        {
            ["resourceId"] = c.ResourceId, ["groupId"] = "vault", ["clusterId"] = Cluster, ["name"] = "astro-pe-1", ["description"] = "ticket 4711",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ticket 4711", (string)body!["properties"]!["privateLinkServiceConnectionState"]!["description"]!);
        Assert.Equal("Pending", StatusOf(await GetOk(Url(c, "astro-pe-1"))));

        Assert.Equal(HttpStatusCode.Conflict, (await RequestEndpoint(c.ResourceId, "vault", "astro-pe-1")).Response.StatusCode);
    }

    [Theory]
    [InlineData("storage", "vault")]
    [InlineData("keyvault", "blob")]
    [InlineData("sql", "")]
    [InlineData("privatelinkservice", "blob")]
    public async Task Refuses_a_group_id_the_type_does_not_offer(string type, string groupId)
    {
        var c = Cases[type];
        var (response, body) = await RequestEndpoint(c.ResourceId, groupId.Length == 0 ? null : groupId);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(type == "privatelinkservice" ? "no group ID" : c.GroupId, (string)body!["error"]!);
        Assert.Equal([c.SeededName], (await ListAll(Url(c))).Select(i => (string)i["name"]!));
    }

    [Fact]
    public async Task Answers_404_for_a_missing_resource_and_400_for_a_type_without_connections()
    {
        var missing = "/" + Data + "Microsoft.Storage/storageAccounts/stnosuchaccount";
        Assert.Equal(HttpStatusCode.NotFound, (await RequestEndpoint(missing, "blob")).Response.StatusCode);
        var vnet = "/" + Sub + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub";
        Assert.Equal(HttpStatusCode.BadRequest, (await RequestEndpoint(vnet, "blob")).Response.StatusCode);
        var (response, _) = await Fx.SendAsync(Client, HttpMethod.Post, "_emulator/private-endpoints",
            body: new JsonObject { ["resourceId"] = Cases["storage"].ResourceId, ["groupId"] = "blob" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

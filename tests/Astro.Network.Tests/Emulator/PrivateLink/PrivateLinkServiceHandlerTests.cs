using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.PrivateLink;

public sealed class PrivateLinkServiceHandlerTests(EmulatorFixture fx) : PrivateLinkTestBase(fx)
{
    private const string Services = Sub + "/resourceGroups/rg-network/providers/Microsoft.Network/privateLinkServices";

    [Fact]
    public async Task Get_returns_the_service_with_etag_alias_and_its_connections()
    {
        var c = Cases["privatelinkservice"];
        var (response, body) = await Send(HttpMethod.Get, ParentUrl(c));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((string)body!["etag"]!, response.Headers.ETag!.ToString());
        Assert.StartsWith("pls-contoso-api.", (string)body["properties"]!["alias"]!);
        Assert.Equal(body["properties"]!["alias"]!.ToJsonString(), (await GetOk(ParentUrl(c)))["properties"]!["alias"]!.ToJsonString());
        Assert.Equal([c.SeededName], Strings(body["properties"]!["privateEndpointConnections"], "name"));
        Assert.Equal(["pls-contoso-api"], (await ListAll($"{Sub}/providers/Microsoft.Network/privateLinkServices?api-version=2024-01-01")).Select(s => (string)s["name"]!));
    }

    [Fact]
    public async Task Put_is_long_running_and_keeps_the_connections()
    {
        var c = Cases["privatelinkservice"];
        var name = await CreatePending(c);
        var service = await GetOk(ParentUrl(c));
        service["tags"] = new JsonObject { ["team"] = "api" };
        service["properties"]!["privateEndpointConnections"] = new JsonArray();

        var (response, body) = await Send(HttpMethod.Put, ParentUrl(c), service);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Updating", (string)body!["properties"]!["provisioningState"]!);
        Assert.Equal("Succeeded", await PollAsyncOperation(response));
        var after = await GetOk(ParentUrl(c));
        Assert.Equal("api", (string)after["tags"]!["team"]!);
        Assert.Equal([c.SeededName, name], Strings(after["properties"]!["privateEndpointConnections"], "name"));
    }

    [Fact]
    public async Task Put_creates_a_service_and_delete_removes_it()
    {
        var url = $"{Services}/pls-new?api-version=2024-01-01";
        var (created, _) = await Send(HttpMethod.Put, url, JsonNode.Parse("""{"location":"eastus2","properties":{"fqdns":[]}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await AssertError(Send(HttpMethod.Put, url, JsonNode.Parse("""{"properties":{}}""")), HttpStatusCode.BadRequest, "LocationRequired");

        var (deleted, _) = await Send(HttpMethod.Delete, url);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Get, new Uri(deleted.Headers.Location!.ToString()).PathAndQuery)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, url)).Response.StatusCode);
    }
}

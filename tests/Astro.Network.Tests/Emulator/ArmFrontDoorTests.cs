using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator;

[Collection(EmulatorCollection.Name)]
public sealed class ArmFrontDoorTests(EmulatorFixture fx) : EmulatorTestBase(fx)
{
    private const string Sub = "subscriptions/" + EmulatorFixture.SubscriptionId;
    private const string Vnets = Sub + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks";
    private Task<(HttpResponseMessage Response, JsonNode? Body)> Send(HttpMethod method, string url, string? token, JsonNode? body = null,
        IDictionary<string, string>? headers = null) => Fx.SendAsync(Client, method, url, token, body, headers);

    [Fact]
    public async Task Missing_token_is_AuthenticationFailed_with_challenge()
    {
        var (response, body) = await Send(HttpMethod.Get, $"{Sub}?api-version=2022-12-01", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("AuthenticationFailed", (string)body!["error"]!["code"]!);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Expired_forged_and_wrong_audience_tokens_are_rejected_with_their_codes()
    {
        var expired = Fx.IssueToken(lifetime: TimeSpan.FromSeconds(-10));
        var graph = Fx.IssueToken(EmulatorFixture.GraphAudience);
        var forged = Fx.IssueToken()[..^4] + "AAAA";
        foreach (var (token, code) in new[] { (expired, "ExpiredAuthenticationToken"), (graph, "InvalidAuthenticationTokenAudience"), (forged, "InvalidAuthenticationToken") })
        {
            var (response, body) = await Send(HttpMethod.Get, $"{Sub}?api-version=2022-12-01", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal(code, (string)body!["error"]!["code"]!);
        }
    }

    [Theory]
    [InlineData("https://management.azure.com/")]
    [InlineData("https://management.azure.com")]
    public async Task Both_arm_audience_forms_are_accepted(string audience)
    {
        var (response, body) = await Send(HttpMethod.Get, $"{Sub}?api-version=2022-12-01", Fx.IssueToken(audience));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enabled", (string)body!["state"]!);
        Assert.Equal(EmulatorFixture.TenantId, (string)body["tenantId"]!);
    }

    [Fact]
    public async Task Api_version_is_required_and_checked_per_handler()
    {
        var token = Fx.IssueToken();
        var (missing, missingBody) = await Send(HttpMethod.Get, $"{Vnets}/vnet-hub", token);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal("MissingApiVersionParameter", (string)missingBody!["error"]!["code"]!);

        var (wrong, wrongBody) = await Send(HttpMethod.Get, $"{Vnets}/vnet-hub?api-version=2019-01-01", token);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal("InvalidApiVersionParameter", (string)wrongBody!["error"]!["code"]!);
    }

    [Fact]
    public async Task Resource_groups_are_paged_and_case_insensitive()
    {
        var token = Fx.IssueToken();
        var (_, page1) = await Send(HttpMethod.Get, $"{Sub}/resourcegroups?api-version=2022-12-01", token);
        Assert.Equal(2, page1!["value"]!.AsArray().Count);
        var next = new Uri((string)page1["nextLink"]!);
        Assert.Equal(Fx.Host.BaseUri.Authority, next.Authority);
        var (_, page2) = await Send(HttpMethod.Get, next.PathAndQuery, token);
        Assert.Equal(2, page2!["value"]!.AsArray().Count);   // rg-identity and aks-contoso-ops' node resource group
        Assert.Null(page2["nextLink"]);

        var (rg, rgBody) = await Send(HttpMethod.Get, $"SUBSCRIPTIONS/{EmulatorFixture.SubscriptionId}/RESOURCEGROUPS/RG-NETWORK?api-version=2022-12-01", token);
        Assert.Equal(HttpStatusCode.OK, rg.StatusCode);
        Assert.Equal("rg-network", (string)rgBody!["name"]!);
    }

    [Fact]
    public async Task Not_found_errors_use_arm_codes_and_messages()
    {
        var token = Fx.IssueToken();
        var (_, sub) = await Send(HttpMethod.Get, "subscriptions/00000000-0000-0000-0000-000000000000?api-version=2022-12-01", token);
        Assert.Equal("SubscriptionNotFound", (string)sub!["error"]!["code"]!);

        var (_, rg) = await Send(HttpMethod.Get, $"{Sub}/resourceGroups/rg-missing/providers/Microsoft.Network/virtualNetworks/v?api-version=2024-01-01", token);
        Assert.Equal("ResourceGroupNotFound", (string)rg!["error"]!["code"]!);
        Assert.Equal("Resource group 'rg-missing' could not be found.", (string)rg["error"]!["message"]!);

        var (response, res) = await Send(HttpMethod.Get, $"{Vnets}/vnet-missing?api-version=2024-01-01", token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ResourceNotFound", (string)res!["error"]!["code"]!);
        Assert.Equal("The Resource 'Microsoft.Network/virtualNetworks/vnet-missing' under resource group 'rg-network' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
            (string)res["error"]!["message"]!);
    }

    [Fact]
    public async Task Virtual_network_get_returns_the_spec_shape_with_etag()
    {
        var (response, vnet) = await Send(HttpMethod.Get, $"{Vnets}/vnet-hub?api-version=2024-01-01", Fx.IssueToken());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Microsoft.Network/virtualNetworks", (string)vnet!["type"]!);
        Assert.Equal("vnet-hub", (string)vnet["name"]!);
        Assert.Equal("eastus2", (string)vnet["location"]!);
        Assert.Equal("10.1.0.0/16", (string)vnet["properties"]!["addressSpace"]!["addressPrefixes"]![0]!);
        Assert.Equal("Succeeded", (string)vnet["properties"]!["provisioningState"]!);
        Assert.NotNull(vnet["properties"]!["subnets"]);
        Assert.NotNull(vnet["properties"]!["virtualNetworkPeerings"]);
        Assert.Equal(response.Headers.ETag?.ToString(), (string)vnet["etag"]!);
    }

    [Fact]
    public async Task Providers_endpoint_lists_handler_api_versions()
    {
        var (_, provider) = await Send(HttpMethod.Get, $"{Sub}/providers/Microsoft.Network?api-version=2022-09-01", Fx.IssueToken());
        var vnets = provider!["resourceTypes"]!.AsArray().Single(t => (string)t!["resourceType"]! == "virtualNetworks");
        Assert.Contains("2024-01-01", vnets!["apiVersions"]!.AsArray().Select(v => (string)v!));
    }

    [Fact]
    public async Task Put_with_stale_if_match_is_412_and_nothing_changes()
    {
        var token = Fx.IssueToken();
        var (_, before) = await Send(HttpMethod.Get, $"{Vnets}/vnet-hub?api-version=2024-01-01", token);
        var changed = before!.DeepClone();
        changed["properties"]!["addressSpace"]!["addressPrefixes"] = new JsonArray("10.1.0.0/16", "10.2.0.0/16");
        var stale = new Dictionary<string, string> { ["If-Match"] = "W/\"00000000-0000-0000-0000-000000000000\"" };

        var (response, error) = await Send(HttpMethod.Put, $"{Vnets}/vnet-hub?api-version=2024-01-01", token, changed, stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("PreconditionFailed", (string)error!["error"]!["code"]!);
        var (_, after) = await Send(HttpMethod.Get, $"{Vnets}/vnet-hub?api-version=2024-01-01", token);
        Assert.Equal((string)before["etag"]!, (string)after!["etag"]!);

        var current = new Dictionary<string, string> { ["If-Match"] = (string)before["etag"]! };
        var (ok, _) = await Send(HttpMethod.Put, $"{Vnets}/vnet-hub?api-version=2024-01-01", token, changed, current);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Put_is_long_running_until_the_operation_is_polled()
    {
        var token = Fx.IssueToken();
        var body = JsonNode.Parse("""{"location":"eastus2","properties":{"addressSpace":{"addressPrefixes":["10.9.0.0/16"]}}}""");
        var (created, createdBody) = await Send(HttpMethod.Put, $"{Vnets}/vnet-new?api-version=2024-01-01", token, body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Updating", (string)createdBody!["properties"]!["provisioningState"]!);
        Assert.NotNull(created.Headers.RetryAfter);
        var operation = created.Headers.GetValues("Azure-AsyncOperation").Single();
        Assert.Contains("/providers/Microsoft.Network/locations/eastus2/operations/", operation);

        var (_, status) = await Send(HttpMethod.Get, new Uri(operation).PathAndQuery, token);
        Assert.Equal("Succeeded", (string)status!["status"]!);
        var (_, done) = await Send(HttpMethod.Get, $"{Vnets}/vnet-new?api-version=2024-01-01", token);
        Assert.Equal("Succeeded", (string)done!["properties"]!["provisioningState"]!);
    }

    [Fact]
    public async Task Delete_location_polling_returns_202_then_204()
    {
        Fx.Host.LoadScenario(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Scenarios", "test.json"))
            .Replace("\"lroPollsBeforeDone\": 1", "\"lroPollsBeforeDone\": 2"));
        var token = Fx.IssueToken();
        var (accepted, _) = await Send(HttpMethod.Delete, $"{Vnets}/vnet-hub?api-version=2024-01-01", token);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.PathAndQuery;

        var (first, _) = await Send(HttpMethod.Get, location, token);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var (second, _) = await Send(HttpMethod.Get, location, token);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        var (gone, _) = await Send(HttpMethod.Get, $"{Vnets}/vnet-hub?api-version=2024-01-01", token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Unregistered_resource_type_is_rejected()
    {
        var (response, body) = await Send(HttpMethod.Get,
            $"{Sub}/resourceGroups/rg-data/providers/Microsoft.Contoso/widgets/w1?api-version=2024-01-01", Fx.IssueToken());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidResourceType", (string)body!["error"]!["code"]!);
    }
}

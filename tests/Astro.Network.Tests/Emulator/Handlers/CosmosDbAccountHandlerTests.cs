using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

public sealed class CosmosDbAccountHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Version = "?api-version=2024-05-15";
    private const string Account = Data + "Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-data" + Version;

    [Fact]
    public async Task Get_returns_ip_rules()
    {
        var account = await GetOk(Account);
        Assert.Equal("Microsoft.DocumentDB/databaseAccounts", (string)account["type"]!);
        Assert.Equal("Standard", (string)account["properties"]!["databaseAccountOfferType"]!);
        Assert.Equal(["198.51.100.7", "203.0.113.0/24"], Strings(account["properties"]!["ipRules"], "ipAddressOrRange"));
    }

    [Fact]
    public async Task Patch_answers_the_old_state_and_applies_when_the_operation_completes()
    {
        var rules = (await GetOk(Account))["properties"]!["ipRules"]!.DeepClone();
        rules.AsArray().Add(new JsonObject { ["ipAddressOrRange"] = "192.0.2.10" });
        var (response, body) = await Send(HttpMethod.Patch, Account, new JsonObject { ["properties"] = new JsonObject { ["ipRules"] = rules } });

        // Live: 200 with the account as it was, marked Updating (cosmosdb/test_cosmosdb_network_rule_add.yaml · 16).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Updating", (string)body!["properties"]!["provisioningState"]!);
        Assert.Equal(["198.51.100.7", "203.0.113.0/24"], Strings(body["properties"]!["ipRules"], "ipAddressOrRange"));
        Assert.NotNull(response.Headers.Location);
        Assert.Contains("/providers/Microsoft.DocumentDB/locations/eastus2/operations/", response.Headers.GetValues("Azure-AsyncOperation").Single());
        Assert.Equal("Updating", (string)(await GetOk(Account))["properties"]!["provisioningState"]!);

        Assert.Equal("Succeeded", await PollAsyncOperation(response));
        var after = await GetOk(Account);
        Assert.Equal("Succeeded", (string)after["properties"]!["provisioningState"]!);
        Assert.Equal(["198.51.100.7", "203.0.113.0/24", "192.0.2.10"], Strings(after["properties"]!["ipRules"], "ipAddressOrRange"));
        Assert.Equal("Session", (string)after["properties"]!["consistencyPolicy"]!["defaultConsistencyLevel"]!);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("172.20.0.0/16")]
    [InlineData("192.168.1.0/24")]
    [InlineData("100.64.1.1")]
    [InlineData("2001:db8::1")]
    [InlineData("192.0.2.10/40")]
    public async Task Refused_addresses_get_a_flat_error_and_change_nothing(string address)
    {
        var patch = new JsonObject { ["properties"] = new JsonObject { ["ipRules"] = new JsonArray(new JsonObject { ["ipAddressOrRange"] = address }) } };
        var (response, body) = await Send(HttpMethod.Patch, Account, patch);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", (string)body!["code"]!);
        Assert.Null(body["error"]);
        Assert.Equal(2, (await GetOk(Account))["properties"]!["ipRules"]!.AsArray().Count);
    }

    [Fact]
    public async Task Missing_account_is_a_flat_404_and_lists_are_not_paged()
    {
        var (missing, body) = await Send(HttpMethod.Get, Data + "Microsoft.DocumentDB/databaseAccounts/cosmos-absent" + Version);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("NotFound", (string)body!["code"]!);

        var list = await GetOk(Sub + "/providers/Microsoft.DocumentDB/databaseAccounts" + Version);
        Assert.Null(list["nextLink"]);
        Assert.Contains(list["value"]!.AsArray(), a => (string)a!["name"]! == "cosmos-contoso-data");
    }
}

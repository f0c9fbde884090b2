using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

public sealed class StorageAccountHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Version = "?api-version=2023-05-01";
    private const string Account = Data + "Microsoft.Storage/storageAccounts/stcontosodata01" + Version;

    [Fact]
    public async Task Get_returns_network_acls_with_the_seeded_rules()
    {
        var account = await GetOk(Account);
        Assert.Equal("Microsoft.Storage/storageAccounts", (string)account["type"]!);
        var acls = account["properties"]!["networkAcls"]!;
        Assert.Equal("Deny", (string)acls["defaultAction"]!);
        Assert.Equal(["198.51.100.7", "203.0.113.0/24"], Strings(acls["ipRules"], "value"));
        Assert.Single(acls["virtualNetworkRules"]!.AsArray());
    }

    [Fact]
    public async Task Patch_is_synchronous_and_keeps_what_the_client_sent_back()
    {
        var acls = (await GetOk(Account))["properties"]!["networkAcls"]!.DeepClone();
        acls["ipRules"]!.AsArray().Add(new JsonObject { ["value"] = "192.0.2.10", ["action"] = "Allow" });
        var (response, body) = await Send(HttpMethod.Patch, Account, Patch(acls));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Azure-AsyncOperation"));
        Assert.Equal(["198.51.100.7", "203.0.113.0/24", "192.0.2.10"], Strings(body!["properties"]!["networkAcls"]!["ipRules"], "value"));
        var after = (await GetOk(Account))["properties"]!["networkAcls"]!;
        Assert.Equal(["198.51.100.7", "203.0.113.0/24", "192.0.2.10"], Strings(after["ipRules"], "value"));
        Assert.Single(after["virtualNetworkRules"]!.AsArray());
        Assert.Equal("AzureServices, Logging", (string)after["bypass"]!);
        Assert.Equal("env", (await GetOk(Account))["tags"]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task Network_acls_are_replaced_as_one_unit()
    {
        var (response, _) = await Send(HttpMethod.Patch, Account,
            Patch(JsonNode.Parse("""{"defaultAction":"Deny","ipRules":[{"value":"192.0.2.10","action":"Allow"}]}""")!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = (await GetOk(Account))["properties"]!["networkAcls"]!;
        Assert.Equal(["192.0.2.10"], Strings(after["ipRules"], "value"));
        Assert.Empty(after["virtualNetworkRules"]!.AsArray());
        Assert.Equal("AzureServices", (string)after["bypass"]!);
    }

    [Fact]
    public async Task Default_action_is_taken_in_any_case_and_read_back_canonical()
    {
        // storage/test_storage_account_service_endpoints.yaml · 8: "deny" sent, "Deny" answered.
        var (response, body) = await Send(HttpMethod.Patch, Account, Patch(JsonNode.Parse("""{"defaultAction":"deny"}""")!));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Deny", (string)body!["properties"]!["networkAcls"]!["defaultAction"]!);
        Assert.Equal("Deny", (string)(await GetOk(Account))["properties"]!["networkAcls"]!["defaultAction"]!);
    }

    [Theory]
    [InlineData("""{"ipRules":[]}""", "networkAcls.defaultAction")]
    [InlineData("""{"defaultAction":"Block"}""", "networkAcls.defaultAction")]
    [InlineData("""{"defaultAction":"Deny","bypass":"Everything"}""", "networkAcls.bypass")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"10.1.2.3","action":"Allow"}]}""", "networkAcls.ipRule[*].value")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"192.168.0.0/24","action":"Allow"}]}""", "networkAcls.ipRule[*].value")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"192.0.2.10/32","action":"Allow"}]}""", "networkAcls.ipRule[*].value")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"192.0.2.10/31","action":"Allow"}]}""", "networkAcls.ipRule[*].value")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"2001:db8::1","action":"Allow"}]}""", "networkAcls.ipRule[*].value")]
    [InlineData("""{"defaultAction":"Deny","ipRules":[{"value":"192.0.2.10","action":"Deny"}]}""", "networkAcls.ipRule[*].value")]
    public async Task Invalid_network_acls_are_refused_and_change_nothing(string acls, string field)
    {
        var (response, body) = await Send(HttpMethod.Patch, Account, Patch(JsonNode.Parse(acls)!));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidValuesForRequestParameters", (string)body!["error"]!["code"]!);
        Assert.Contains(field, (string)body["error"]!["message"]!);
        Assert.Equal(["198.51.100.7", "203.0.113.0/24"], Strings((await GetOk(Account))["properties"]!["networkAcls"]!["ipRules"], "value"));
    }

    [Fact]
    public async Task Lists_by_resource_group_and_subscription()
    {
        var byGroup = await ListAll(Data + "Microsoft.Storage/storageAccounts" + Version);
        var bySubscription = await ListAll(Sub + "/providers/Microsoft.Storage/storageAccounts" + Version);
        Assert.Contains(byGroup, a => (string)a["name"]! == "stcontosodata01");
        Assert.Contains(bySubscription, a => (string)a["name"]! == "stcontosodata01");
        Assert.All(bySubscription, a => Assert.StartsWith("/subscriptions/" + EmulatorFixture.SubscriptionId + "/", (string)a["id"]!));
        var other = await ListAll("subscriptions/" + EmulatorFixture.SecondSubscriptionId + "/providers/Microsoft.Storage/storageAccounts" + Version);
        Assert.DoesNotContain(other, a => (string)a["name"]! == "stcontosodata01");
    }

    private static JsonObject Patch(JsonNode acls) => new() { ["properties"] = new JsonObject { ["networkAcls"] = acls.DeepClone() } };
}

using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

public sealed class ContainerRegistryHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Registries = Data + "Microsoft.ContainerRegistry/registries";
    private const string Premium = Registries + "/acrcontosodata?api-version=2023-07-01";
    private const string Basic = Registries + "/acrcontosobuild?api-version=2023-07-01";

    [Fact]
    public async Task Get_returns_the_registry_with_its_network_rule_set()
    {
        var acr = await GetOk(Premium);
        Assert.Equal("Microsoft.ContainerRegistry/registries", (string)acr["type"]!);
        Assert.Equal("Premium", (string)acr["sku"]!["tier"]!);
        Assert.Equal("acrcontosodata.azurecr.io", (string)acr["properties"]!["loginServer"]!);
        Assert.Equal("Deny", (string)acr["properties"]!["networkRuleSet"]!["defaultAction"]!);
        Assert.Equal(["203.0.113.0/24", "198.51.100.7"], Strings(acr["properties"]!["networkRuleSet"]!["ipRules"], "value"));
    }

    [Fact]
    public async Task Patch_is_synchronous_and_replaces_the_ip_rules_wholesale()
    {
        var acr = await GetOk(Premium);
        var ruleSet = acr["properties"]!["networkRuleSet"]!.DeepClone();
        ruleSet["ipRules"]!.AsArray().Add(new JsonObject { ["action"] = "Allow", ["value"] = "192.0.2.10" });
        var (response, body) = await Send(HttpMethod.Patch, Premium, new JsonObject { ["properties"] = new JsonObject { ["networkRuleSet"] = ruleSet } });

        // Live: 200 Succeeded with the new rules, no operation to poll (acr/test_acr_network_rule.yaml · 18).
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Succeeded", (string)body!["properties"]!["provisioningState"]!);
        Assert.False(response.Headers.Contains("Azure-AsyncOperation"));
        Assert.Equal(["203.0.113.0/24", "198.51.100.7", "192.0.2.10"], Strings(body["properties"]!["networkRuleSet"]!["ipRules"], "value"));

        var after = await GetOk(Premium);
        Assert.Equal("Succeeded", (string)after["properties"]!["provisioningState"]!);
        Assert.Equal(["203.0.113.0/24", "198.51.100.7", "192.0.2.10"], Strings(after["properties"]!["networkRuleSet"]!["ipRules"], "value"));
        Assert.Equal("team", after["tags"]!.AsObject().Single().Key);

        // Arrays are replaced, not merged: a PATCH with one rule leaves one rule.
        var (_, _) = await Send(HttpMethod.Patch, Premium, JsonNode.Parse("""{"properties":{"networkRuleSet":{"defaultAction":"Deny","ipRules":[{"action":"Allow","value":"192.0.2.10"}]}}}"""));
        Assert.Equal(["192.0.2.10"], Strings((await GetOk(Premium))["properties"]!["networkRuleSet"]!["ipRules"], "value"));
    }

    [Theory]
    [InlineData(Premium, """{"ipRules":[{"action":"Allow","value":"192.0.2.10"}]}""", "InvalidNetworkRuleSetDefaultAction")]
    [InlineData(Premium, """{"defaultAction":"Block","ipRules":[]}""", "InvalidNetworkRuleSetDefaultAction")]
    [InlineData(Premium, """{"defaultAction":"Deny","ipRules":[{"action":"Allow","value":"2001:db8::1"}]}""", "InvalidIpRule")]
    [InlineData(Premium, """{"defaultAction":"Deny","ipRules":[{"action":"Allow","value":"192.0.2.300"}]}""", "InvalidIpRule")]
    [InlineData(Premium, """{"defaultAction":"Deny","ipRules":[{"action":"Deny","value":"192.0.2.10"}]}""", "InvalidIpRuleAction")]
    [InlineData(Basic, """{"defaultAction":"Deny","ipRules":[{"action":"Allow","value":"192.0.2.10"}]}""", "NetworkRuleNotSupported")]
    public async Task Refused_updates_fail_the_operation_and_change_nothing(string registry, string ruleSet, string code)
    {
        // Registries_Update declares only 200/201: the service reports refusals through the operation status.
        var before = await GetOk(registry);
        var (response, _) = await Send(HttpMethod.Patch, registry, new JsonObject { ["properties"] = new JsonObject { ["networkRuleSet"] = JsonNode.Parse(ruleSet) } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var operation = await PollAsyncOperationBody(response);
        Assert.Equal("Failed", (string)operation["status"]!);
        Assert.Equal(code, (string)operation["error"]!["code"]!);
        Assert.Equal(before.ToJsonString(), (await GetOk(registry)).ToJsonString());
    }

    [Fact]
    public async Task List_by_subscription_and_resource_group_include_the_registries()
    {
        var bySubscription = await ListAll($"{Sub}/providers/Microsoft.ContainerRegistry/registries?api-version=2023-07-01");
        var byGroup = await ListAll($"{Registries}?api-version=2023-07-01");
        Assert.Equal(["acrcontosobuild", "acrcontosodata"], bySubscription.Select(r => (string)r["name"]!));
        Assert.Equal(bySubscription.Select(r => (string)r["id"]!), byGroup.Select(r => (string)r["id"]!));
    }
}

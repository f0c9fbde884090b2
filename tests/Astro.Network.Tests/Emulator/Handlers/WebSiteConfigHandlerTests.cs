using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

public sealed class WebSiteConfigHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Sites = Data + "Microsoft.Web/sites";
    private const string Portal = Sites + "/app-contoso-portal/config/web?api-version=2023-12-01";
    private const string Hooks = Sites + "/func-contoso-hooks/config/web?api-version=2023-12-01";

    [Fact]
    public async Task Get_appends_the_synthetic_catch_all_rule()
    {
        var config = await GetOk(Portal);
        Assert.Equal("Microsoft.Web/sites/config", (string)config["type"]!);
        var rules = config["properties"]!["ipSecurityRestrictions"]!.AsArray();
        Assert.Equal(["office", "front-door", "Deny all"], Strings(rules, "name"));
        Assert.Equal("Any", (string)rules[^1]!["ipAddress"]!);
        Assert.Equal(int.MaxValue, (int)rules[^1]!["priority"]!);

        // A function app never configured shows only "Allow all".
        var open = (await GetOk(Hooks))["properties"]!["ipSecurityRestrictions"]!.AsArray();
        Assert.Equal("Allow all", (string)Assert.Single(open)!["name"]!);
    }

    [Fact]
    public async Task Patch_is_synchronous_and_keeps_the_rules_sent_back()
    {
        var rules = (await GetOk(Portal))["properties"]!["ipSecurityRestrictions"]!.AsArray()
            .Where(r => (string)r!["ipAddress"]! != "Any").Select(r => r!.DeepClone()).ToList();
        rules.Add(JsonNode.Parse("""{"ipAddress":"192.0.2.10/32","action":"Allow","tag":"Default","priority":1000,"name":"astro-192-0-2-10"}"""));
        var (response, body) = await Send(HttpMethod.Patch, Portal,
            new JsonObject { ["properties"] = new JsonObject { ["ipSecurityRestrictions"] = new JsonArray(rules.ToArray()) } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Azure-AsyncOperation"));
        var after = await GetOk(Portal);
        Assert.Equal(["office", "front-door", "astro-192-0-2-10", "Deny all"], Strings(after["properties"]!["ipSecurityRestrictions"], "name"));
        Assert.Equal(body!.ToJsonString(), after.ToJsonString());
        Assert.Equal("PYTHON|3.12", (string)after["properties"]!["linuxFxVersion"]!);
        Assert.NotNull(after["properties"]!["ipSecurityRestrictions"]![1]!["headers"]);
    }

    [Fact]
    public async Task Writing_back_the_synthetic_rule_drops_it_as_the_service_does()
    {
        // The Azure CLI sends [Allow all, new rule]; the service keeps the new rule and derives "Deny all"
        // (recording appservice/test_webapp_access_restriction_add.yaml interaction 9).
        var rules = (await GetOk(Hooks))["properties"]!["ipSecurityRestrictions"]!.AsArray().Select(r => r!.DeepClone()).ToList();
        rules.Add(JsonNode.Parse("""{"ipAddress":"130.220.0.0/27","action":"Allow","tag":"Default","priority":200,"name":"developers"}"""));
        var (response, _) = await Send(HttpMethod.Patch, Hooks,
            new JsonObject { ["properties"] = new JsonObject { ["ipSecurityRestrictions"] = new JsonArray(rules.ToArray()) } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["developers", "Deny all"], Strings((await GetOk(Hooks))["properties"]!["ipSecurityRestrictions"], "name"));

        // Sending back only "Deny all" removes the last rule: "Allow all" again (_remove.yaml interaction 11).
        var (cleared, _) = await Send(HttpMethod.Patch, Hooks, JsonNode.Parse("""
            {"properties":{"ipSecurityRestrictions":[{"ipAddress":"Any","action":"Deny","priority":2147483647,"name":"Deny all","description":"Deny all access"}]}}
            """));
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(["Allow all"], Strings((await GetOk(Hooks))["properties"]!["ipSecurityRestrictions"], "name"));
    }

    [Theory]
    [InlineData("""{"ipSecurityRestrictions":[{"ipAddress":"192.0.2.10","action":"Allow","priority":1000,"name":"bare"}]}""")]
    [InlineData("""{"ipSecurityRestrictions":[{"ipAddress":"192.0.2.10/40","action":"Allow","priority":1000,"name":"range"}]}""")]
    [InlineData("""{"ipSecurityRestrictions":[{"ipAddress":"192.0.2.0/24","action":"Maybe","priority":1000,"name":"action"}]}""")]
    [InlineData("""{"ipSecurityRestrictions":[{"ipAddress":"192.0.2.0/24","action":"Allow","tag":"Other","priority":1000,"name":"tag"}]}""")]
    [InlineData("""{"ipSecurityRestrictionsDefaultAction":"Block"}""")]
    public async Task Invalid_restrictions_are_400(string properties)
    {
        await AssertError(Send(HttpMethod.Patch, Portal, new JsonObject { ["properties"] = JsonNode.Parse(properties) }),
            HttpStatusCode.BadRequest, "BadRequest");
    }

    [Fact]
    public async Task A_bare_address_with_subnet_mask_and_an_ipv6_range_are_accepted()
    {
        var (response, _) = await Send(HttpMethod.Patch, Hooks, JsonNode.Parse("""
            {"properties":{"ipSecurityRestrictionsDefaultAction":"Deny","ipSecurityRestrictions":[
              {"ipAddress":"192.0.2.0","subnetMask":"255.255.255.0","action":"Allow","priority":100,"name":"masked"},
              {"ipAddress":"2001:db8::/48","action":"Allow","priority":110,"name":"v6"}]}}
            """));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rules = (await GetOk(Hooks))["properties"]!["ipSecurityRestrictions"]!;
        Assert.Equal(["masked", "v6", "Deny all"], Strings(rules, "name"));
    }

    [Fact]
    public async Task Sites_list_by_subscription_with_their_kinds()
    {
        var sites = await ListAll($"{Sub}/providers/Microsoft.Web/sites?api-version=2023-12-01");
        var kinds = sites.ToDictionary(s => (string)s["name"]!, s => (string)s["kind"]!);
        Assert.Equal("app,linux", kinds["app-contoso-portal"]);
        Assert.Equal("functionapp,linux", kinds["func-contoso-hooks"]);
        Assert.Equal(sites.Count, (await ListAll($"{Sites}?api-version=2023-12-01")).Count);
    }
}

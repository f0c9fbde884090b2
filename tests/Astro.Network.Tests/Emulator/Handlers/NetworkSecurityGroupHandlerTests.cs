using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

public sealed class NetworkSecurityGroupHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Version = "?api-version=2024-01-01";
    private const string Group = Data + "Microsoft.Network/networkSecurityGroups/nsg-contoso-data";
    private const string Rules = Group + "/securityRules";

    private static JsonObject Rule(int priority, string direction = "Inbound", params string[] sources) => new()
    {
        ["properties"] = new JsonObject
        {
            ["protocol"] = "Tcp",
            ["access"] = "Allow",
            ["priority"] = priority,
            ["direction"] = direction,
            ["sourcePortRange"] = "*",
            ["destinationPortRange"] = "443",
            ["sourceAddressPrefixes"] = new JsonArray(sources.Select(s => (JsonNode)s).ToArray()),
            ["destinationAddressPrefix"] = "*",
        },
    };

    [Fact]
    public async Task Get_shows_custom_rules_with_etags_and_the_default_rules()
    {
        var (response, body) = await Send(HttpMethod.Get, Group + Version);
        var group = body!.AsObject();
        Assert.Equal(response.Headers.ETag?.ToString(), (string)group["etag"]!);
        Assert.Equal(["allow-https-office", "deny-ssh-internet", "allow-monitoring-out"], Strings(group["properties"]!["securityRules"], "name"));
        Assert.All(group["properties"]!["securityRules"]!.AsArray(), r => Assert.StartsWith("W/\"", (string)r!["etag"]!));
        Assert.Equal(6, group["properties"]!["defaultSecurityRules"]!.AsArray().Count);
        Assert.Equal(6, (await ListAll(Group + "/defaultSecurityRules" + Version)).Count);

        var rules = await ListAll(Rules + Version);
        Assert.Equal(3, rules.Count);
        Assert.Equal(group["properties"]!["securityRules"]![0]!.ToJsonString(), rules[0].ToJsonString());
    }

    [Fact]
    public async Task Rule_put_is_long_running_and_leaves_the_other_rules_intact()
    {
        var before = await GetOk(Group + Version);
        var (response, body) = await Send(HttpMethod.Put, Rules + "/astro-allow" + Version, Rule(300, "Inbound", "192.0.2.10", "192.0.2.11"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Updating", (string)body!["properties"]!["provisioningState"]!);
        Assert.Contains("/providers/Microsoft.Network/locations/eastus2/operations/", response.Headers.GetValues("Azure-AsyncOperation").Single());
        Assert.Equal("Succeeded", await PollAsyncOperation(response));

        var after = await GetOk(Group + Version);
        var rules = after["properties"]!["securityRules"]!.AsArray();
        Assert.Equal(["allow-https-office", "deny-ssh-internet", "allow-monitoring-out", "astro-allow"], Strings(rules, "name"));
        Assert.Equal(before["properties"]!["securityRules"]![0]!.ToJsonString(), rules[0]!.ToJsonString());
        Assert.Equal(["192.0.2.10", "192.0.2.11"], Strings(rules[3]!["properties"]!["sourceAddressPrefixes"]));
        Assert.Equal("Succeeded", (string)rules[3]!["properties"]!["provisioningState"]!);
        Assert.NotEqual((string)before["etag"]!, (string)after["etag"]!);
    }

    [Fact]
    public async Task Rule_put_honours_if_match_on_the_rule_etag()
    {
        var rule = await GetOk(Rules + "/allow-https-office" + Version);
        var stale = new Dictionary<string, string> { ["If-Match"] = "W/\"00000000-0000-0000-0000-000000000000\"" };
        await AssertError(Send(HttpMethod.Put, Rules + "/allow-https-office" + Version, rule, stale), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        Assert.Equal(rule.ToJsonString(), (await GetOk(Rules + "/allow-https-office" + Version)).ToJsonString());

        var current = new Dictionary<string, string> { ["If-Match"] = (string)rule["etag"]! };
        rule["properties"]!["sourceAddressPrefix"] = "198.51.100.0/24";
        var (ok, updated) = await Send(HttpMethod.Put, Rules + "/allow-https-office" + Version, rule, current);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.NotEqual((string)rule["etag"]!, (string)updated!["etag"]!);

        // The old etag is now stale; If-Match on a rule that does not exist fails too.
        await AssertError(Send(HttpMethod.Put, Rules + "/allow-https-office" + Version, rule, current), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        await AssertError(Send(HttpMethod.Put, Rules + "/missing" + Version, Rule(400, "Inbound", "192.0.2.10"), current), HttpStatusCode.PreconditionFailed, "PreconditionFailed");
    }

    [Fact]
    public async Task Same_priority_and_direction_is_SecurityRuleConflict()
    {
        await AssertError(Send(HttpMethod.Put, Rules + "/astro-allow" + Version, Rule(100, "Inbound", "192.0.2.10")), HttpStatusCode.BadRequest, "SecurityRuleConflict");
        var (outbound, _) = await Send(HttpMethod.Put, Rules + "/astro-allow" + Version, Rule(200, "Outbound", "192.0.2.10"));
        Assert.Equal(HttpStatusCode.Created, outbound.StatusCode);
        Assert.Equal(4, (await ListAll(Rules + Version)).Count);
    }

    [Theory]
    [InlineData("priority", "50", "SecurityRuleInvalidPriority")]
    [InlineData("priority", "4097", "SecurityRuleInvalidPriority")]
    [InlineData("protocol", "\"Http\"", "InvalidRequestFormat")]
    [InlineData("access", "null", "InvalidRequestFormat")]
    [InlineData("direction", "\"Sideways\"", "InvalidRequestFormat")]
    [InlineData("sourceAddressPrefixes", "[\"192.0.2.300\"]", "SecurityRuleInvalidAddressPrefix")]
    [InlineData("sourceAddressPrefix", "\"192.0.2.10\"", "SecurityRuleInvalidAddressPrefix")]
    [InlineData("destinationPortRange", "\"70000\"", "SecurityRuleInvalidPortRange")]
    [InlineData("sourceAddressPrefixes", "[\"192.0.2.10\", \"2001:db8::1\"]", "ResourceCannotContainAddressPrefixesFromDifferentAddressFamilies")]
    [InlineData("destinationAddressPrefix", "\"2001:db8::/64\"", "ResourceCannotContainAddressPrefixesFromDifferentAddressFamilies")]
    public async Task Invalid_rules_are_400_with_the_network_codes(string field, string value, string code)
    {
        var rule = Rule(300, "Inbound", "192.0.2.10");
        rule["properties"]![field] = JsonNode.Parse(value);
        await AssertError(Send(HttpMethod.Put, Rules + "/astro-allow" + Version, rule), HttpStatusCode.BadRequest, code);
        await AssertError(Send(HttpMethod.Get, Rules + "/astro-allow" + Version), HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task One_family_per_rule_with_a_family_neutral_service_tag_is_accepted()
    {
        var rule = Rule(300, "Inbound", "2001:db8::1", "2001:db8:1::/48");
        rule["properties"]!["destinationAddressPrefix"] = "VirtualNetwork";
        var (response, _) = await Send(HttpMethod.Put, Rules + "/astro-allow-443-ipv6" + Version, rule);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Rule_delete_is_long_running_and_absent_rules_answer_204()
    {
        var (accepted, _) = await Send(HttpMethod.Delete, Rules + "/deny-ssh-internet" + Version);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.NotNull(accepted.Headers.Location);
        var (done, _) = await Send(HttpMethod.Get, accepted.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        Assert.Equal(["allow-https-office", "allow-monitoring-out"], (await ListAll(Rules + Version)).Select(r => (string)r["name"]!));

        var (absent, _) = await Send(HttpMethod.Delete, Rules + "/deny-ssh-internet" + Version);
        Assert.Equal(HttpStatusCode.NoContent, absent.StatusCode);
    }

    [Fact]
    public async Task Groups_list_by_subscription_across_resource_groups()
    {
        var groups = await ListAll($"{Sub}/providers/Microsoft.Network/networkSecurityGroups{Version}");
        Assert.Equal(["nsg-contoso-data", "nsg-hub-default"], groups.Select(g => (string)g["name"]!));
        Assert.Single(await ListAll($"{Data}Microsoft.Network/networkSecurityGroups{Version}"));
    }
}

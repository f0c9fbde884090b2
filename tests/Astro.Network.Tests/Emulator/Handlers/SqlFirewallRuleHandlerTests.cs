using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

public sealed class SqlFirewallRuleHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Version = "?api-version=2021-11-01";
    private const string Server = Data + "Microsoft.Sql/servers/sql-contoso-data";
    private const string Rules = Server + "/firewallRules";

    [Fact]
    public async Task Server_and_rules_read_with_their_shapes()
    {
        var server = await GetOk(Server + Version);
        Assert.Equal("Microsoft.Sql/servers", (string)server["type"]!);
        Assert.Equal("sql-contoso-data.database.windows.net", (string)server["properties"]!["fullyQualifiedDomainName"]!);
        var rule = await GetOk(Rules + "/office" + Version);
        Assert.Equal("Microsoft.Sql/servers/firewallRules", (string)rule["type"]!);
        Assert.Equal("198.51.100.7", (string)rule["properties"]!["startIpAddress"]!);
        Assert.Equal(["AllowAllWindowsAzureIps", "branch-range", "office"], (await ListAll(Rules + Version)).Select(r => (string)r["name"]!));
    }

    [Fact]
    public async Task Put_creates_with_200_as_live_Azure_then_updates_with_200_and_leaves_other_rules_alone()
    {
        var body = Rule("192.0.2.10", "192.0.2.10");
        var (created, createdBody) = await Send(HttpMethod.Put, Rules + "/astro-192-0-2-10" + Version, body);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.False(created.Headers.Contains("Azure-AsyncOperation"));
        Assert.Equal("astro-192-0-2-10", (string)createdBody!["name"]!);
        var (updated, _) = await Send(HttpMethod.Put, Rules + "/astro-192-0-2-10" + Version, Rule("192.0.2.10", "192.0.2.11"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var rules = await ListAll(Rules + Version);
        Assert.Equal(["AllowAllWindowsAzureIps", "astro-192-0-2-10", "branch-range", "office"], rules.Select(r => (string)r["name"]!));
        Assert.Equal("192.0.2.11", (string)rules[1]["properties"]!["endIpAddress"]!);
    }

    [Fact]
    public async Task Delete_answers_200_then_204_when_absent()
    {
        var (deleted, _) = await Send(HttpMethod.Delete, Rules + "/office" + Version);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var (again, _) = await Send(HttpMethod.Delete, Rules + "/office" + Version);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(2, (await ListAll(Rules + Version)).Count);
    }

    [Theory]
    [InlineData("2001:db8::1", "2001:db8::1", "FirewallRuleNotIPv4Address")]
    [InlineData("192.0.2", "192.0.2.1", "FirewallRuleNotIPv4Address")]
    [InlineData(null, "192.0.2.1", "FirewallRuleNotIPv4Address")]
    [InlineData("192.0.2.20", "192.0.2.10", "FirewallRuleInvalidRange")]
    public async Task Invalid_addresses_are_refused(string? start, string end, string code)
    {
        await AssertError(Send(HttpMethod.Put, Rules + "/astro-test" + Version, Rule(start, end)), HttpStatusCode.BadRequest, code);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, Rules + "/astro-test" + Version)).Response.StatusCode);
    }

    [Fact]
    public async Task Server_without_public_access_refuses_rules()
    {
        await AssertError(Send(HttpMethod.Put, Data + "Microsoft.Sql/servers/sql-contoso-private/firewallRules/astro-test" + Version,
            Rule("192.0.2.10", "192.0.2.10")), HttpStatusCode.BadRequest, "DenyPublicEndpointEnabled");
    }

    [Fact]
    public async Task Rule_names_are_checked()
    {
        await AssertError(Send(HttpMethod.Put, Rules + "/" + new string('a', 129) + Version, Rule("192.0.2.10", "192.0.2.10")),
            HttpStatusCode.BadRequest, "FirewallRuleNameTooLong");
        await AssertError(Send(HttpMethod.Put, Rules + "/bad%3Aname" + Version, Rule("192.0.2.10", "192.0.2.10")),
            HttpStatusCode.BadRequest, "InvalidServerFirewallRuleResourceParameters");
    }

    [Fact]
    public async Task Servers_list_by_subscription()
    {
        var servers = await ListAll(Sub + "/providers/Microsoft.Sql/servers" + Version);
        Assert.Contains(servers, s => (string)s["name"]! == "sql-contoso-data");
        Assert.DoesNotContain(servers, s => ((string)s["type"]!).EndsWith("firewallRules"));
    }

    internal static JsonObject Rule(string? start, string end) =>
        new() { ["properties"] = new JsonObject { ["startIpAddress"] = start, ["endIpAddress"] = end } };
}

using System.Net;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

public sealed class FlexibleServerFirewallRuleHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    public static TheoryData<string, string> Servers => new()
    {
        { "Microsoft.DBforPostgreSQL/flexibleServers/psql-contoso-data", "?api-version=2022-12-01" },
        { "Microsoft.DBforMySQL/flexibleServers/mysql-contoso-data", "?api-version=2023-12-30" },
    };

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Put_is_long_running_and_the_rule_appears_when_done(string server, string version)
    {
        var rules = Data + server + "/firewallRules";
        var before = (await ListAll(rules + version)).Select(r => (string)r["name"]!).ToList();
        Assert.Contains("office", before);

        var (accepted, body) = await Send(HttpMethod.Put, rules + "/astro-192-0-2-10" + version, SqlFirewallRuleHandlerTests.Rule("192.0.2.10", "192.0.2.10"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Null(body);
        Assert.NotNull(accepted.Headers.Location);
        Assert.NotNull(accepted.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, rules + "/astro-192-0-2-10" + version)).Response.StatusCode);

        Assert.Equal("Succeeded", await PollAsyncOperation(accepted));
        var rule = await GetOk(rules + "/astro-192-0-2-10" + version);
        Assert.Equal("192.0.2.10", (string)rule["properties"]!["endIpAddress"]!);
        Assert.Equal(before.Append("astro-192-0-2-10").Order(), (await ListAll(rules + version)).Select(r => (string)r["name"]!).Order());
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Delete_is_long_running_via_location(string server, string version)
    {
        var rule = Data + server + "/firewallRules/office" + version;
        var (accepted, _) = await Send(HttpMethod.Delete, rule);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var (done, _) = await Send(HttpMethod.Get, accepted.Headers.Location!.PathAndQuery);
        // PostgreSQL's operationResults answers 200 without a body (postgresql-flexible/test_postgres_flexible_server_proxy_resource.yaml · 45).
        Assert.Equal(server.Contains("DBforPostgreSQL") ? HttpStatusCode.OK : HttpStatusCode.NoContent, done.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, rule)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, rule)).Response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Invalid_addresses_are_refused(string server, string version)
    {
        var rule = Data + server + "/firewallRules/astro-test" + version;
        await AssertError(Send(HttpMethod.Put, rule, SqlFirewallRuleHandlerTests.Rule("192.0.2.010", "192.0.2.10")), HttpStatusCode.BadRequest, "InvalidParameterValue");
        await AssertError(Send(HttpMethod.Put, rule, SqlFirewallRuleHandlerTests.Rule("192.0.2.20", "192.0.2.10")), HttpStatusCode.BadRequest, "InvalidParameterValue");
    }

    [Fact]
    public async Task MySql_refuses_dots_in_rule_names_where_PostgreSql_takes_them()
    {
        var body = SqlFirewallRuleHandlerTests.Rule("192.0.2.10", "192.0.2.10");
        await AssertError(Send(HttpMethod.Put, Data + "Microsoft.DBforMySQL/flexibleServers/mysql-contoso-data/firewallRules/astro.1?api-version=2023-12-30", body),
            HttpStatusCode.BadRequest, "InvalidResourceName");
        await AssertError(Send(HttpMethod.Put, Data + "Microsoft.DBforMySQL/flexibleServers/mysql-contoso-data/firewallRules/astro-?api-version=2023-12-30", body),
            HttpStatusCode.BadRequest, "InvalidResourceName");
        var (accepted, _) = await Send(HttpMethod.Put, Data + "Microsoft.DBforPostgreSQL/flexibleServers/psql-contoso-data/firewallRules/astro.1?api-version=2022-12-01", body);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await AssertError(Send(HttpMethod.Put, Data + "Microsoft.DBforPostgreSQL/flexibleServers/psql-contoso-data/firewallRules/astro%201?api-version=2022-12-01", body),
            HttpStatusCode.BadRequest, "InvalidResourceName");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task Servers_read_and_list_by_subscription(string server, string version)
    {
        var read = await GetOk(Data + server + version);
        Assert.Equal("Ready", (string)read["properties"]!["state"]!);
        var type = server[..server.LastIndexOf('/')];
        var all = await ListAll(Sub + "/providers/" + type + version);
        Assert.Contains(all, s => (string)s["id"]! == "/" + Data + server);
    }
}

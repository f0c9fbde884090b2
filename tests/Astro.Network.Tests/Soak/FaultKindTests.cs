using System.Net;
using System.Text;
using Astro.Network.Emulator.Faults;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Soak;

/// <summary>The emulator's fault kinds, seen from a bare HTTP client.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class FaultKindTests(EmulatorFixture fx) : EmulatorTestBase(fx)
{
    private const string Vnet = "subscriptions/" + EmulatorFixture.SubscriptionId
        + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub?api-version=2024-01-01";

    [Fact]
    public async Task Raw_body_is_sent_as_is_with_its_content_type()
    {
        using (var content = new StringContent("""{"service":"arm","pathContains":"virtualNetworks","status":200,"rawBody":"{\"id\": \"/sub","contentType":"application/json"}""", Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("_emulator/faults", content)).StatusCode);
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, Vnet);
        request.Headers.Authorization = new("Bearer", Fx.IssueToken());
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"id\": \"/sub", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Raw_body_defaults_to_json_content_type_and_keeps_retry_after()
    {
        Fx.Host.Faults.Add(new FaultRule { Service = "astro", Status = 503, RawBody = "<html>busy</html>", RetryAfterSeconds = 2 });
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/organizations/org-test/clusters");
        request.Headers.Authorization = new("Bearer", EmulatorFixture.AstroToken);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("<html>busy</html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Seeded_probability_hits_the_same_requests_each_run_and_stats_count_them()
    {
        async Task<List<int>> Run()
        {
            Fx.Host.Faults.Clear();
            Fx.Host.Faults.Add(new FaultRule { Service = "arm", Status = 503, Probability = 0.3, Seed = 42 });
            var statuses = new List<int>();
            for (var i = 0; i < 40; i++)
            {
                var (response, _) = await Fx.SendAsync(Client, HttpMethod.Get, Vnet, Fx.IssueToken());
                statuses.Add((int)response.StatusCode);
            }
            return statuses;
        }

        var first = await Run();
        var injected = first.Count(s => s == 503);
        Assert.InRange(injected, 4, 20);
        Assert.All(first, s => Assert.Contains(s, new[] { 200, 503 }));
        Assert.Equal(injected, Fx.Host.Faults.Injected["503"]);
        using (var stats = await Client.GetAsync("_emulator/faults/stats"))
        {
            var body = System.Text.Json.Nodes.JsonNode.Parse(await stats.Content.ReadAsStringAsync())!;
            Assert.Equal(injected, (int)body["injected"]!["503"]!);
            Assert.Equal(1, (int)body["activeRules"]!);
        }
        Assert.Equal(first, await Run());
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public async Task Probability_outside_0_to_1_is_refused(double probability)
    {
        using var content = new StringContent($$"""{"status":500,"probability":{{probability.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}""", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostAsync("_emulator/faults", content)).StatusCode);
        Assert.Empty(Fx.Host.Faults.Active);
    }

    [Fact]
    public async Task Operation_failure_ends_the_started_operation_failed_and_leaves_the_rule_unchanged()
    {
        const string Rule = "subscriptions/" + EmulatorFixture.SubscriptionId
            + "/resourceGroups/rg-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-contoso-data/firewallRules/soak?api-version=2022-12-01";
        Fx.Host.Faults.Add(new FaultRule { Method = "PUT", PathContains = "firewallRules", OperationFails = true });
        var token = Fx.IssueToken();
        var body = System.Text.Json.Nodes.JsonNode.Parse("""{"properties":{"startIpAddress":"203.0.113.9","endIpAddress":"203.0.113.9"}}""");
        var (accepted, _) = await Fx.SendAsync(Client, HttpMethod.Put, Rule, token, body);
        Assert.True((int)accepted.StatusCode is 201 or 202 or 200, accepted.StatusCode.ToString());
        var status = accepted.Headers.GetValues("Azure-AsyncOperation").Single();
        System.Text.Json.Nodes.JsonNode? operation = null;
        for (var i = 0; i < 5 && (string?)operation?["status"] is null or "InProgress"; i++)
        {
            (_, operation) = await Fx.SendAsync(Client, HttpMethod.Get, status, token);
        }
        Assert.Equal("Failed", (string?)operation!["status"]);
        Assert.Equal("InternalServerError", (string?)operation["error"]!["code"]);
        var (missing, _) = await Fx.SendAsync(Client, HttpMethod.Get, Rule, token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(1, Fx.Host.Faults.Injected["operationFailed"]);
    }

    [Fact]
    public async Task After_handling_the_change_lands_but_the_client_sees_the_fault()
    {
        const string Rule = "subscriptions/" + EmulatorFixture.SubscriptionId
            + "/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql-contoso-data/firewallRules/soak?api-version=2021-11-01";
        Fx.Host.Faults.Add(new FaultRule { Method = "PUT", PathContains = "firewallRules/soak", Status = 500, AfterHandling = true });
        var token = Fx.IssueToken();
        var body = System.Text.Json.Nodes.JsonNode.Parse("""{"properties":{"startIpAddress":"203.0.113.9","endIpAddress":"203.0.113.9"}}""");
        var (failed, _) = await Fx.SendAsync(Client, HttpMethod.Put, Rule, token, body);
        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        var (present, rule) = await Fx.SendAsync(Client, HttpMethod.Get, Rule, token);
        Assert.Equal(HttpStatusCode.OK, present.StatusCode);
        Assert.Equal("203.0.113.9", (string?)rule!["properties"]!["startIpAddress"]);
        Assert.Equal(1, Fx.Host.Faults.Injected["500 after handling"]);
    }
}

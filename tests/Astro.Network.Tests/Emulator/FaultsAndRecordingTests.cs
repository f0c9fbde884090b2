using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Faults;
using Astro.Network.Emulator.Hosting;
using Xunit;

namespace Astro.Network.Tests.Emulator;

[Collection(EmulatorCollection.Name)]
public sealed class FaultsAndRecordingTests(EmulatorFixture fx) : EmulatorTestBase(fx)
{
    private const string Vnet = "subscriptions/" + EmulatorFixture.SubscriptionId
        + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub?api-version=2024-01-01";
    [Fact]
    public async Task Injected_429_uses_the_arm_error_shape_and_retry_after_then_clears()
    {
        using (var content = new StringContent("""{"service":"arm","pathContains":"virtualNetworks","status":429,"retryAfterSeconds":3,"count":1}""", Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("_emulator/faults", content)).StatusCode);
        }
        var token = Fx.IssueToken();
        var (throttled, body) = await Fx.SendAsync(Client, HttpMethod.Get, Vnet, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), throttled.Headers.RetryAfter?.Delta);
        Assert.Equal("TooManyRequests", (string)body!["error"]!["code"]!);

        var (ok, _) = await Fx.SendAsync(Client, HttpMethod.Get, Vnet, token);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Skip_and_count_select_which_requests_fail_and_astro_gets_its_error_body()
    {
        Fx.Host.Faults.Add(new FaultRule { Service = "astro", Status = 503, Skip = 1, Count = 2 });
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var (response, body) = await Fx.SendAsync(Client, HttpMethod.Get, "v1/organizations/org-test/clusters", EmulatorFixture.AstroToken);
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal(503, (int)body!["statusCode"]!);
            }
        }
        Assert.Equal(new[] { 200, 503, 503, 200 }, statuses);
    }

    [Fact]
    public async Task A_concurrent_change_lands_before_the_request_and_a_stale_if_match_gets_412()
    {
        const string cluster = "subscriptions/" + EmulatorFixture.SubscriptionId
            + "/resourceGroups/rg-data/providers/Microsoft.ContainerService/managedClusters/aks-contoso-ops?api-version=2026-05-01";
        var token = Fx.IssueToken();
        var (_, read) = await Fx.SendAsync(Client, HttpMethod.Get, cluster, token);
        Fx.Host.Faults.Add(new FaultRule { Method = "PUT", PathContains = "aks-contoso-ops", ConcurrentChange = JsonNode.Parse("""{"tags":{"team":"someone-else"}}""")!.AsObject() });
        var (stale, _) = await Fx.SendAsync(Client, HttpMethod.Put, cluster, token, read, new Dictionary<string, string> { ["If-Match"] = (string)read!["eTag"]! });

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        var (_, after) = await Fx.SendAsync(Client, HttpMethod.Get, cluster, token);
        Assert.Equal("someone-else", (string)after!["tags"]!["team"]!);
        Assert.Equal(1, Fx.Host.Faults.Injected["concurrentChange"]);
    }

    [Fact]
    public async Task Dropped_connection_fails_the_request()
    {
        Fx.Host.Faults.Add(new FaultRule { PathContains = "virtualNetworks", DropConnection = true });
        await Assert.ThrowsAsync<HttpRequestException>(() => Fx.SendAsync(Client, HttpMethod.Get, Vnet, Fx.IssueToken()));
        Assert.Equal(0, Fx.Host.Requests.Single().Status);
    }

    [Fact]
    public async Task Request_log_marks_writes_redacts_secrets_and_skips_control_calls()
    {
        using (var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = EmulatorFixture.ClientId,
            ["client_secret"] = EmulatorFixture.ClientSecret, ["scope"] = "https://management.azure.com/.default",
        }))
        {
            await Client.PostAsync($"{EmulatorFixture.TenantId}/oauth2/v2.0/token", form);
        }
        var token = Fx.IssueToken();
        var (_, vnet) = await Fx.SendAsync(Client, HttpMethod.Get, Vnet, token);
        await Fx.SendAsync(Client, HttpMethod.Put, Vnet, token, vnet);
        await Client.GetAsync("_emulator/state");

        var log = Fx.Host.Requests;
        Assert.Equal(new[] { "entra", "arm", "arm" }, log.Select(r => r.Service));
        Assert.Equal(new[] { false, false, true }, log.Select(r => r.IsWrite));
        var all = string.Join("\n", log.Select(r => r.Url + r.RequestBody + r.ResponseBody));
        Assert.DoesNotContain(EmulatorFixture.ClientSecret, all);
        Assert.DoesNotContain(token, all);
        Assert.DoesNotContain("eyJ", all);

        var json = JsonNode.Parse(await Client.GetStringAsync("_emulator/requests"))!.AsArray();
        Assert.Equal(3, json.Count);
        Assert.Equal("arm", (string)json[1]!["service"]!);
    }

    [Fact]
    public async Task Traffic_files_use_the_arm_host_skip_polls_and_hold_no_secrets()
    {
        var directory = Path.Combine(Path.GetTempPath(), "emu-traffic-" + Guid.NewGuid().ToString("N"));
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { ScenarioPath = "test", TrafficDirectory = directory });
        using var client = EmulatorFixture.CreateClient(host);
        var token = host.State.Tokens.Issue(new(EmulatorFixture.ClientObjectId, EmulatorFixture.TenantId, EmulatorFixture.ClientId, "app", null),
            EmulatorFixture.ArmAudience, TimeSpan.FromHours(1));
        var (_, vnet) = await Fx.SendAsync(client, HttpMethod.Get, Vnet, token);
        var (put, _) = await Fx.SendAsync(client, HttpMethod.Put, Vnet, token, vnet);
        await Fx.SendAsync(client, HttpMethod.Get, new Uri(put.Headers.GetValues("Azure-AsyncOperation").Single()).PathAndQuery, token);
        await Fx.SendAsync(client, HttpMethod.Get, "v1/organizations/org-test/clusters", EmulatorFixture.AstroToken);

        var files = Directory.GetFiles(directory).Order().ToList();
        Assert.Equal(2, files.Count);
        var exchange = JsonNode.Parse(File.ReadAllText(files[1]))!;
        Assert.Equal("PUT", (string)exchange["liveRequest"]!["method"]!);
        Assert.StartsWith("https://management.azure.com/subscriptions/", (string)exchange["liveRequest"]!["url"]!);
        Assert.Equal("200", (string)exchange["liveResponse"]!["statusCode"]!);
        Assert.StartsWith("https://management.azure.com/", (string)exchange["liveResponse"]!["headers"]!["Azure-AsyncOperation"]!);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(token, text);
            Assert.DoesNotContain("Authorization", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(host.BaseUri.Authority, text);
        }
        Directory.Delete(directory, true);
    }

    [Fact]
    public async Task Graph_requires_a_graph_token_and_reports_unknown_segments()
    {
        var (noToken, error) = await Fx.SendAsync(Client, HttpMethod.Get, "graph/v1.0/servicePrincipals", Fx.IssueToken());
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (string)error!["error"]!["code"]!);

        var (unknown, body) = await Fx.SendAsync(Client, HttpMethod.Get, "graph/v1.0/widgets", Fx.IssueToken(EmulatorFixture.GraphAudience));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("BadRequest", (string)body!["error"]!["code"]!);
    }

    [Fact]
    public void Certificate_files_are_written_as_pfx_and_pem()
    {
        var directory = Path.Combine(Path.GetTempPath(), "emu-cert-" + Guid.NewGuid().ToString("N"));
        EmulatorCertificate.Create(directory);
        using var cert = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(directory, "emulator.pfx"), null);
        Assert.True(cert.HasPrivateKey);
        Assert.Contains("BEGIN CERTIFICATE", File.ReadAllText(Path.Combine(directory, "emulator.pem")));
        var constraints = cert.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        Directory.Delete(directory, true);
    }
}

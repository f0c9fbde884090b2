using System.Text.Json.Nodes;
using Astro.Network.Emulator.Faults;
using Astro.Network.Engine;
using Astro.Network.Engine.Rest;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.Soak;

/// <summary>The engine's per-request retries and LRO failure classification against the emulator's faults.</summary>
public sealed class RetryPolicyTests : IClassFixture<EmulatorFixture>
{
    private const string SqlRule = "/subscriptions/" + EmulatorFixture.SubscriptionId
        + "/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql-contoso-data/firewallRules/retry-test";
    private const string PsqlRule = "/subscriptions/" + EmulatorFixture.SubscriptionId
        + "/resourceGroups/rg-data/providers/Microsoft.DBforPostgreSQL/flexibleServers/psql-contoso-data/firewallRules/retry-test";

    private static readonly JsonObject RuleBody = new() { ["properties"] = new JsonObject { ["startIpAddress"] = "40.120.0.1", ["endIpAddress"] = "40.120.0.1" } };

    private readonly EmulatorFixture fixture;
    private readonly RecordingLog log = new();

    public RetryPolicyTests(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
    }

    private async Task<(ArmRestClient Arm, PipelineSettings Settings)> ConnectAsync()
    {
        var context = await Peering.PeeringTestKit.ConnectAsync(fixture, log);
        context.Azure.Settings.BusyRetryDelay = TimeSpan.FromMilliseconds(10);
        context.Azure.Settings.MaxRetries = 5;
        return (context.Azure.Arm, context.Azure.Settings);
    }

    private int Sent(string method, string path) => fixture.Host.Requests.Count(r => r.Method == method && r.Url.StartsWith(path, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task An_idempotent_put_survives_drops_server_errors_and_a_busy_409_and_the_rule_exists_once()
    {
        var (arm, _) = await ConnectAsync();
        var busy = JsonNode.Parse("""{"error":{"code":"AnotherOperationInProgress","message":"Another operation on this or dependent resource is in progress.","details":[]}}""");
        foreach (var fault in new FaultRule[]
        {
            new() { DropConnection = true, AfterHandling = true }, new() { Status = 500 }, new() { Status = 503 }, new() { Status = 409, Body = busy },
        })
        {
            fault.Method = "PUT";
            fault.PathContains = "firewallRules/retry-test";
            fixture.Host.Faults.Add(fault);
        }

        var result = await arm.PutAsync(SqlRule, "2021-11-01", RuleBody.DeepClone(), null, CancellationToken.None);

        Assert.Equal("40.120.0.1", (string?)result.Object!["properties"]!["startIpAddress"]);
        await ClearRequestsAsync(fixture);
        Assert.Single(fixture.Host.State.Resources.All(), r => r.Id.EndsWith("/firewallRules/retry-test", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, log.Lines.Count(l => l.Contains("Retrying PUT", StringComparison.Ordinal)));
        Assert.Contains(log.Lines, l => l.Contains("resource busy for", StringComparison.Ordinal) && l.Contains("409 AnotherOperationInProgress", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, l => l.Contains("eyJ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(0, false)]
    [InlineData(429, true)]
    public async Task A_post_is_retried_only_when_refused_unprocessed(int status, bool retried)
    {
        var (arm, _) = await ConnectAsync();
        fixture.Host.Faults.Add(new FaultRule { Method = "POST", PathContains = "retry-post", Status = status == 0 ? null : status, DropConnection = status == 0 });
        var path = "/subscriptions/" + EmulatorFixture.SubscriptionId + "/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql-contoso-data/retry-post";

        await Assert.ThrowsAsync<AstroNetworkException>(() => arm.PostAsync(path, "2021-11-01", new JsonObject(), CancellationToken.None));

        await Task.Delay(150);
        Assert.Equal(retried ? 2 : 1, Sent("POST", path));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("""{"code":"InvalidParameter","message":"The start IP is invalid."}""", false)]
    public async Task A_failed_operation_restarts_only_for_a_transient_code(string? error, bool restarts)
    {
        var (arm, _) = await ConnectAsync();
        fixture.Host.Faults.Add(new FaultRule { Method = "PUT", PathContains = "firewallRules/retry-test", OperationFails = true, Body = error is null ? null : JsonNode.Parse(error) });

        var failure = await Assert.ThrowsAsync<AstroNetworkException>(() => arm.PutAsync(PsqlRule, "2022-12-01", RuleBody.DeepClone(), null, CancellationToken.None));

        Assert.Equal(ArmLroPoller.OperationFailedErrorId, failure.ErrorId);
        Assert.Equal(restarts, RetryClassification.RestartsOperation(failure));
        Assert.Equal(1, fixture.Host.Faults.Injected["operationFailed"]);
    }
}

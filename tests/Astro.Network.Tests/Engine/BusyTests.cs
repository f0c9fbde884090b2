using System.Text.Json.Nodes;
using Astro.Network.Emulator.Faults;
using Astro.Network.Engine;
using Astro.Network.Engine.Rest;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Engine;

/// <summary>
/// Busy is not conflict: each service's real busy answer (emulator BusyAnswers) is waited out within the operation's
/// busy timeout, Retry-After is honoured in full or the request fails at once, and a true 412 is handed back unretried.
/// Assertions count requests and outcomes, never elapsed time.
/// </summary>
public sealed class BusyTests : IClassFixture<EmulatorFixture>
{
    private const string Rg = "/subscriptions/" + EmulatorFixture.SubscriptionId + "/resourceGroups/rg-data/providers/";
    private const string SqlServer = Rg + "Microsoft.Sql/servers/sql-contoso-data";
    private const string SqlRule = SqlServer + "/firewallRules/busy-test";
    private static readonly JsonObject RuleBody = new() { ["properties"] = new JsonObject { ["startIpAddress"] = "40.120.0.2", ["endIpAddress"] = "40.120.0.2" } };

    private readonly EmulatorFixture fixture;
    private readonly RecordingLog log = new();

    public BusyTests(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
    }

    public static TheoryData<int, string?, string?, string> Answers => new()
    {
        { 412, "PreconditionFailed", "There is another user operation in progress which requires an exclusive lock on [cosmos-x]. Please retry after sometime.", "Busy" },
        { 412, "PreconditionFailed", "The condition specified using HTTP conditional header(s) is not met.", "Conflict" },
        { 412, null, null, "Conflict" },
        { 409, "OperationInterrupted", "The operation on the resource could not be completed because it was interrupted by another operation on the same resource.", "Busy" },
        { 409, "OperationNotAllowed", "Operation is not allowed: Another operation (Updating) is in progress, please wait for it to finish before starting a new operation.", "Busy" },
        { 409, "OperationNotAllowed", "managed cluster is not currently running, stopping cannot be performed", "Fatal" },
        { 409, "ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity", "Too many Federated Identity Credentials are written concurrently.", "Busy" },
        { 409, "AnotherOperationInProgress", "Another operation on this or dependent resource is in progress.", "Busy" },
        { 409, "RoleAssignmentExists", "The role assignment already exists.", "Fatal" },
        { 429, "TooManyRequests", "The request is being throttled.", "Throttled" },
        { 503, "ServiceUnavailable", null, "Transient" },
        { 400, "InvalidParameter", "in progress", "Fatal" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Each_services_busy_answer_is_told_from_a_conflict_and_a_fatal_one(int status, string? code, string? message, string expected) =>
        Assert.Equal(expected, BusyClassification.Classify(status, code, message).ToString());

    [Theory]
    [InlineData("sql", "OperationInterrupted")]
    [InlineData("throttle", "TooManyRequests")]
    public async Task A_busy_write_is_sent_again_after_the_busy_period_and_the_wait_is_logged(string kind, string code)
    {
        var arm = await ConnectAsync();
        fixture.Host.Faults.Add(BusyAnswers.For(kind, SqlRule, count: 2, retryAfterSeconds: 0));

        await arm.PutAsync(SqlRule, "2021-11-01", RuleBody.DeepClone(), null, CancellationToken.None);

        Assert.Equal(3, Sent("PUT", SqlRule));
        Assert.Single(fixture.Host.State.Resources.All(), r => r.Id.EndsWith("/firewallRules/busy-test", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(2, log.Lines.Count(l => l.Contains(code, StringComparison.Ordinal) && l.Contains("waiting", StringComparison.Ordinal)
            && l.Contains("/firewallRules/busy-test", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_resource_busy_past_the_timeout_fails_with_AzureResourceBusy_naming_the_services_code()
    {
        var arm = await ConnectAsync();
        fixture.Host.Faults.Add(BusyAnswers.For("sql", SqlRule, count: 10_000, retryAfterSeconds: null));

        AstroNetworkException failure;
        using (BusyTimeout.Use(TimeSpan.FromMilliseconds(300)))
        {
            failure = await Assert.ThrowsAsync<AstroNetworkException>(() => arm.PutAsync(SqlRule, "2021-11-01", RuleBody.DeepClone(), null, CancellationToken.None));
        }

        Assert.Equal(("AzureResourceBusy", FailureKind.ResourceBusy, 409, "OperationInterrupted"), (failure.ErrorId, failure.Kind, failure.Status, failure.ServiceCode));
        Assert.Contains("409 OperationInterrupted", failure.Message, StringComparison.Ordinal);
        Assert.Contains("busy timeout", failure.Message, StringComparison.Ordinal);
        Assert.InRange(Sent("PUT", SqlRule), 2, 100);
        Assert.False(BusyClassification.IsStaleWrite(failure));
    }

    [Fact]
    public async Task A_retry_after_longer_than_the_time_left_fails_at_once_instead_of_sleeping_past_the_deadline()
    {
        var arm = await ConnectAsync();
        fixture.Host.Faults.Add(BusyAnswers.For("throttle", SqlRule, count: 5, retryAfterSeconds: 120));

        AstroNetworkException failure;
        using (BusyTimeout.Use(TimeSpan.FromSeconds(30)))
        {
            failure = await Assert.ThrowsAsync<AstroNetworkException>(() => arm.PutAsync(SqlRule, "2021-11-01", RuleBody.DeepClone(), null, CancellationToken.None));
        }

        Assert.Equal(1, Sent("PUT", SqlRule));
        Assert.Equal(("AzureResourceBusy", 429, "TooManyRequests"), (failure.ErrorId, failure.Status, failure.ServiceCode));
        Assert.Contains("asked to be retried after 120 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retry_after_within_the_deadline_is_honoured_in_full()
    {
        var arm = await ConnectAsync();
        fixture.Host.Faults.Add(BusyAnswers.For("throttle", SqlRule, count: 1, retryAfterSeconds: 1));

        await arm.PutAsync(SqlRule, "2021-11-01", RuleBody.DeepClone(), null, CancellationToken.None);

        Assert.Equal(2, Sent("PUT", SqlRule));
        // Our own pause is 10 ms here: the wait logged is the service's full second.
        Assert.Contains(log.Lines, l => l.Contains("waiting 1 s (Retry-After 1 s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cosmos_exclusive_lock_412_is_waited_out_but_a_true_412_is_handed_back_at_once_as_a_stale_write()
    {
        var arm = await ConnectAsync();
        const string cosmos = Rg + "Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-data";
        fixture.Host.Faults.Add(BusyAnswers.For("cosmos", cosmos, count: 1, retryAfterSeconds: null));
        var patch = new JsonObject { ["properties"] = new JsonObject { ["ipRules"] = new JsonArray() } };

        await arm.PatchAsync(cosmos, "2024-05-15", patch.DeepClone(), null, CancellationToken.None);
        Assert.Equal(2, Sent("PATCH", cosmos));

        fixture.Host.ClearRequests();
        fixture.Host.Faults.Add(new FaultRule { Method = "PATCH", PathContains = cosmos, Status = 412, Count = 1,
            Body = JsonNode.Parse("""{"code":"PreconditionFailed","message":"The condition specified using HTTP conditional header(s) is not met."}""") });
        var stale = await Assert.ThrowsAsync<AstroNetworkException>(() => arm.PatchAsync(cosmos, "2024-05-15", patch.DeepClone(), "\"old\"", CancellationToken.None));

        Assert.Equal(1, Sent("PATCH", cosmos));
        Assert.Equal("AzureConcurrentUpdate", stale.ErrorId);
        Assert.True(BusyClassification.IsStaleWrite(stale));
    }

    private async Task<ArmRestClient> ConnectAsync()
    {
        var context = await Peering.PeeringTestKit.ConnectAsync(fixture, log);
        context.Azure.Settings.BusyRetryDelay = TimeSpan.FromMilliseconds(10);
        context.Azure.Settings.MaxBusyRetryDelay = TimeSpan.FromMilliseconds(40);
        return context.Azure.Arm;
    }

    private int Sent(string method, string path) =>
        fixture.Host.Requests.Count(r => r.Method == method && r.Url.StartsWith(path, StringComparison.OrdinalIgnoreCase));
}

using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Xunit;
using static Astro.Network.Tests.Engine.ScriptedHandler;

namespace Astro.Network.Tests.Engine;

/// <summary>ARM client behaviour against scripted answers: paging, LRO, retries, errors, logging.</summary>
public sealed class ArmRestClientTests
{
    private const string Vnet = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v1";
    private readonly RecordingLog log = new();

    [Fact]
    public async Task List_follows_nextLink_as_given_and_adds_api_version_once()
    {
        var handler = new ScriptedHandler((req, n) => n == 1
            ? Respond(200, """{"value":[{"id":"a"}],"nextLink":"https://arm.test/subscriptions?api-version=2022-12-01&$skipToken=p2"}""")
            : Respond(200, """{"value":[{"id":"b"},{"id":"c"}]}"""));
        var arm = FastSettings.FakeAzure(handler, log).Arm;

        var items = await arm.ListAsync("/subscriptions", ApiVersions.Resources, CancellationToken.None);

        Assert.Equal(new[] { "a", "b", "c" }, items.Select(i => (string)i["id"]!));
        Assert.Equal("https://arm.test/subscriptions?api-version=2022-12-01", handler.Requests[0].Url);
        Assert.Equal("https://arm.test/subscriptions?api-version=2022-12-01&$skipToken=p2", handler.Requests[1].Url);
    }

    [Fact]
    public async Task Put_with_async_operation_polls_until_succeeded_then_gets_the_resource()
    {
        var handler = new ScriptedHandler((req, n) => n switch
        {
            1 => Respond(201, """{"properties":{"provisioningState":"Updating"}}""", ("Azure-AsyncOperation", "https://arm.test/op/1?api-version=2024-01-01"), ("Retry-After", "0")),
            2 => Respond(200, """{"status":"InProgress"}"""),
            3 => Respond(200, """{"status":"Succeeded"}"""),
            _ => Respond(200, """{"id":"x","etag":"W/\"2\"","properties":{"provisioningState":"Succeeded"}}"""),
        });
        var arm = FastSettings.FakeAzure(handler, log).Arm;

        var result = await arm.PutAsync(Vnet, ApiVersions.Network, new JsonObject { ["location"] = "eastus2" }, "W/\"1\"", CancellationToken.None);

        Assert.Equal("W/\"2\"", result.ETag);
        Assert.Equal(new[] { "PUT", "GET", "GET", "GET" }, handler.Requests.Select(r => r.Method));
        Assert.Equal("W/\"1\"", handler.Requests[0].IfMatch);
        Assert.Equal("{\"location\":\"eastus2\"}", handler.Requests[0].Body);
        Assert.StartsWith("https://arm.test" + Vnet + "?api-version=2024-01-01", handler.Requests[3].Url);
    }

    [Fact]
    public async Task Patch_answered_with_the_old_state_and_an_operation_reads_the_final_state()
    {
        // Cosmos DB live: 200, the account as it was (provisioningState Succeeded), Azure-AsyncOperation that reads Dequeued
        // until Succeeded (cosmosdb/test_cosmosdb_network_rule_add.yaml · 39-41). The PATCH body must not be taken as the result.
        var handler = new ScriptedHandler((req, n) => n switch
        {
            1 => Respond(200, """{"properties":{"provisioningState":"Succeeded","ipRules":[]}}""", ("Azure-AsyncOperation", "https://arm.test/op/3?api-version=2024-05-15"), ("Retry-After", "0")),
            2 => Respond(200, """{"status":"Dequeued"}"""),
            3 => Respond(200, """{"status":"Succeeded"}"""),
            _ => Respond(200, """{"properties":{"provisioningState":"Succeeded","ipRules":[{"ipAddressOrRange":"192.0.2.10"}]}}"""),
        });
        var arm = FastSettings.FakeAzure(handler, log).Arm;

        var result = await arm.PatchAsync(Vnet, ApiVersions.Network, new JsonObject(), null, CancellationToken.None);

        Assert.Equal(new[] { "PATCH", "GET", "GET", "GET" }, handler.Requests.Select(r => r.Method));
        Assert.Equal("192.0.2.10", (string?)result.Object!["properties"]!["ipRules"]![0]!["ipAddressOrRange"]);
    }

    [Fact]
    public async Task Delete_with_location_polls_202_until_done()
    {
        var handler = new ScriptedHandler((req, n) => n switch
        {
            1 => Respond(202, null, ("Location", "https://arm.test/operationResults/9"), ("Retry-After", "0")),
            2 => Respond(202, null),
            _ => Respond(204, null),
        });
        var arm = FastSettings.FakeAzure(handler, log).Arm;

        Assert.True(await arm.DeleteAsync(Vnet, ApiVersions.Network, null, CancellationToken.None));
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("https://arm.test/operationResults/9", handler.Requests[2].Url);
    }

    [Fact]
    public async Task Delete_of_a_missing_resource_reports_false()
    {
        var handler = new ScriptedHandler((req, n) => Respond(204, null));
        Assert.False(await FastSettings.FakeAzure(handler, log).Arm.DeleteAsync(Vnet, ApiVersions.Network, null, CancellationToken.None));
    }

    [Fact]
    public async Task Failed_operation_carries_the_service_error_code()
    {
        var handler = new ScriptedHandler((req, n) => n == 1
            ? Respond(202, null, ("Azure-AsyncOperation", "https://arm.test/op/2"))
            : Respond(200, """{"status":"Failed","error":{"code":"InUseSubnetCannotBeDeleted","message":"Subnet is in use."}}"""));
        var arm = FastSettings.FakeAzure(handler, log).Arm;

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => arm.PatchAsync(Vnet, ApiVersions.Network, new JsonObject(), null, CancellationToken.None));

        Assert.Equal("AzureOperationFailed", ex.ErrorId);
        Assert.Equal("InUseSubnetCannotBeDeleted", ex.ServiceCode);
        Assert.Contains("Subnet is in use.", ex.Message);
    }

    [Fact]
    public async Task Throttled_request_is_retried_after_the_servers_delay()
    {
        var handler = new ScriptedHandler((req, n) => n == 1
            ? Respond(429, """{"error":{"code":"TooManyRequests","message":"slow down"}}""", ("Retry-After", "1"))
            : Respond(200, """{"id":"x"}"""));
        var arm = FastSettings.FakeAzure(handler, log).Arm;
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await arm.GetAsync(Vnet, ApiVersions.Network, false, CancellationToken.None);

        Assert.Equal(200, result!.Status);
        Assert.Equal(2, handler.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {watch.Elapsed}");
    }

    [Theory]
    [InlineData(404, """{"error":{"code":"ResourceNotFound","message":"The Resource 'v1' was not found."}}""", "AzureResourceNotFound", FailureKind.ObjectNotFound, "ResourceNotFound")]
    [InlineData(412, """{"error":{"code":"PreconditionFailed","message":"etag mismatch"}}""", "AzureConcurrentUpdate", FailureKind.InvalidOperation, "PreconditionFailed")]
    [InlineData(400, """{"code":"BadRequest","message":"flat body (Cosmos)"}""", "AzureRequestFailed", FailureKind.InvalidArgument, "BadRequest")]
    [InlineData(403, """{"error":{"code":"AuthorizationFailed","message":"no"}}""", "AzurePermissionDenied", FailureKind.PermissionDenied, "AuthorizationFailed")]
    [InlineData(409, """{"error":{"code":"Conflict","message":"exists"}}""", "AzureRequestFailed", FailureKind.ResourceExists, "Conflict")]
    public async Task Errors_map_to_stable_ids_kinds_and_service_codes(int status, string body, string errorId, FailureKind kind, string code)
    {
        var handler = new ScriptedHandler((req, n) => Respond(status, body, ("x-ms-request-id", "req-42")));
        var arm = FastSettings.FakeAzure(handler, log).Arm;

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => arm.GetAsync(Vnet, ApiVersions.Network, false, CancellationToken.None));

        Assert.Equal((errorId, kind, code, status, "req-42"), (ex.ErrorId, ex.Kind, ex.ServiceCode, ex.Status, ex.RequestId));
        Assert.Equal(Vnet, ex.Target);
    }

    [Fact]
    public async Task Get_can_answer_null_for_404()
    {
        var handler = new ScriptedHandler((req, n) => Respond(404, """{"error":{"code":"NotFound","message":"x"}}"""));
        Assert.Null(await FastSettings.FakeAzure(handler, log).Arm.GetAsync(Vnet, ApiVersions.Network, true, CancellationToken.None));
    }

    [Fact]
    public async Task Every_attempt_is_logged_with_status_and_request_id_but_never_the_token()
    {
        var handler = new ScriptedHandler((req, n) => n == 1
            ? Respond(503, null, ("Retry-After", "0"))
            : Respond(200, "{}", ("x-ms-request-id", "rid-7")));
        var arm = FastSettings.FakeAzure(handler, log).Arm;

        await arm.GetAsync(Vnet + "?sig=abc123", ApiVersions.Network, false, CancellationToken.None);

        Assert.Equal("Bearer " + StaticCredential.Token, handler.Requests[0].Authorization);
        var lines = log.Lines.Where(l => l.Contains("HTTP GET")).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains("-> 503", lines[0]);
        Assert.Matches(@"-> 200 in \d+ ms \(request id rid-7\)", lines[1]);
        Assert.DoesNotContain(StaticCredential.Token.Split('.')[1], log.All);
        Assert.DoesNotContain("abc123", log.All);
        Assert.Contains("sig=REDACTED", lines[1]);
    }
}

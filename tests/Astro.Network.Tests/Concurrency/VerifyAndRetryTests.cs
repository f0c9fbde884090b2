using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Astro.Network.Tests.Allowlist;
using Astro.Network.Tests.Engine;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Concurrency;

/// <summary>
/// The verify-and-retry rules, with the other writer's moves placed exactly: a stale write that lands while we wait to
/// verify, a 412 that never ends, and a read that skipped the entry a removal asks for.
/// </summary>
public class VerifyAndRetryTests
{
    private static readonly string StorageId = Id("Microsoft.Storage/storageAccounts/sto1");

    private static FakeArmClient StorageWith(params string[] values)
    {
        var arm = new FakeArmClient();
        var doc = new JsonObject
        {
            ["id"] = StorageId,
            ["properties"] = new JsonObject { ["networkAcls"] = new JsonObject { ["bypass"] = "AzureServices", ["virtualNetworkRules"] = new JsonArray(), ["defaultAction"] = "Deny" } },
        };
        SetRules(doc, values);
        arm.Seed(StorageId, doc);
        return arm;
    }

    private static void SetRules(JsonObject doc, IEnumerable<string> values) =>
        doc["properties"]!["networkAcls"]!["ipRules"] = new JsonArray(values.Select(v => (JsonNode)new JsonObject { ["value"] = v, ["action"] = "Allow" }).ToArray());

    private static string[] StoredValues(FakeArmClient arm) =>
        arm.Document(StorageId)!["properties"]!["networkAcls"]!["ipRules"]!.AsArray().Select(r => Text(r!["value"])!).ToArray();

    private static Task<AllowlistChange> Change(AllowlistService service, AllowlistOperation operation, string ip) =>
        service.ChangeAsync(new AllowlistRequest { ResourceId = StorageId, Operation = operation, IpAddresses = new[] { ip }, Options = new FirewallOptions() },
            CancellationToken.None);

    [Fact]
    public async Task A_stale_write_landing_while_we_wait_to_verify_is_caught_and_merged_over()
    {
        var arm = StorageWith("198.51.100.7");
        JsonObject? stale = null;
        arm.BeforeWrite = _ =>
        {
            // The other tool read before our write and will write its own entry on top of that read.
            stale ??= (JsonObject)arm.Document(StorageId)!.DeepClone();
            SetRules(stale, new[] { "198.51.100.7", "192.0.2.1" });
        };
        var waits = new List<TimeSpan>();
        var log = new RecordingLog();
        var service = new AllowlistService(arm, log: log, delay: (wait, _) =>
        {
            if (waits.Count == 0)
            {
                arm.Seed(StorageId, stale!); // it lands after our write answered, before we look again
            }
            waits.Add(wait);
            return Task.CompletedTask;
        });

        var change = await Change(service, AllowlistOperation.Add, "203.0.113.7");

        Assert.True(waits[0] > TimeSpan.Zero, "the verifying read must not look at once");
        Assert.Equal(new[] { "198.51.100.7", "192.0.2.1", "203.0.113.7" }, StoredValues(arm));
        Assert.Equal(2, arm.Writes.Count());
        Assert.True(change.Changed);
        Assert.Contains($"Concurrent update of '{StorageId}': 203.0.113.7 missing after our write", log.All);
    }

    [Fact]
    public async Task A_removal_undone_by_a_stale_writer_is_removed_again()
    {
        var arm = StorageWith("198.51.100.7", "203.0.113.7");
        Owned(arm, "203.0.113.7");
        var stale = (JsonObject)arm.Document(StorageId)!.DeepClone();
        var log = new RecordingLog();
        var landed = false;
        var service = new AllowlistService(arm, log: log, delay: (_, _) =>
        {
            if (!landed)
            {
                landed = true;
                arm.Seed(StorageId, stale);
            }
            return Task.CompletedTask;
        });

        await Change(service, AllowlistOperation.Remove, "203.0.113.7");

        Assert.Equal(new[] { "198.51.100.7" }, StoredValues(arm));
        Assert.Contains("203.0.113.7 back after our removal", log.All);
    }

    [Fact]
    public async Task Precondition_failures_without_end_give_the_stable_error_naming_the_resource()
    {
        var arm = StorageWith();
        arm.BeforeWrite = call =>
        {
            if (!FakeArmClient.IsTags(call.Path))
            {
                throw new AstroNetworkException("ArmConcurrentUpdate", FailureKind.InvalidOperation, "412", call.Path) { Status = 412 };
            }
        };
        var waits = new List<TimeSpan>();
        var log = new RecordingLog();
        var service = new AllowlistService(arm, log: log, delay: (wait, _) => { waits.Add(wait); return Task.CompletedTask; });

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Change(service, AllowlistOperation.Add, "203.0.113.7"));

        Assert.Equal("AllowlistVerificationFailed", ex.ErrorId);
        Assert.Equal(StorageId, ex.Target);
        Assert.Contains(StorageId, ex.Message);
        Assert.Contains("412", ex.Message);
        Assert.Equal(AllowlistService.DefaultMaxAttempts, arm.Writes.Count());
        Assert.Equal(AllowlistService.DefaultMaxAttempts - 1, log.Lines.Count(l => l.Contains("Concurrent update")));
        Assert.Equal(AllowlistService.DefaultMaxAttempts - 1, waits.Count);
        Assert.All(waits, w => Assert.True(w > TimeSpan.Zero));
    }

    [Fact]
    public async Task Nothing_to_remove_is_trusted_only_when_a_second_read_agrees()
    {
        var arm = StorageWith("198.51.100.7", "203.0.113.7");
        Owned(arm, "203.0.113.7");
        var torn = new SkipsOnFirstRead(arm, "203.0.113.7");

        var change = await new AllowlistService(torn).ChangeAsync(new AllowlistRequest
        {
            ResourceId = StorageId, Operation = AllowlistOperation.Remove, IpAddresses = new[] { "203.0.113.7" }, Options = new FirewallOptions(),
        }, CancellationToken.None);

        Assert.True(change.Changed);
        Assert.Equal(new[] { "198.51.100.7" }, StoredValues(arm));
    }

    [Fact]
    public async Task An_add_already_in_place_reads_once_and_writes_nothing()
    {
        var arm = StorageWith("198.51.100.7", "203.0.113.7");

        var change = await Change(new AllowlistService(arm), AllowlistOperation.Add, "203.0.113.7");

        Assert.False(change.Changed);
        Assert.Equal(new[] { "GET" }, arm.Calls.Select(c => c.Method));
    }

    /// <summary>Records <paramref name="ip"/> as the module's (given by hand) in the ownership record, so Remove may take it.</summary>
    private static void Owned(FakeArmClient arm, string ip) =>
        arm.Document(StorageId)!["tags"] = new JsonObject { ["astro-network:manual"] = ip };

    /// <summary>A read that misses one entry once, as a paged list does when a concurrent delete shifts its pages.</summary>
    private sealed class SkipsOnFirstRead : IArmJsonClient
    {
        private readonly FakeArmClient inner;
        private readonly string skipped;
        private bool done;

        public SkipsOnFirstRead(FakeArmClient inner, string skipped)
        {
            this.inner = inner;
            this.skipped = skipped;
        }

        public async Task<ArmJsonResponse?> GetAsync(string path, string apiVersion, CancellationToken ct)
        {
            var response = await inner.GetAsync(path, apiVersion, ct);
            if (response == null || done)
            {
                return response;
            }

            done = true;
            var rules = response.Body["properties"]!["networkAcls"]!["ipRules"]!.AsArray();
            rules.Remove(rules.First(r => Text(r!["value"]) == skipped));
            return response;
        }

        public Task<IReadOnlyList<JsonObject>> ListAsync(string path, string apiVersion, CancellationToken ct) => inner.ListAsync(path, apiVersion, ct);

        public Task<ArmJsonResponse> PutAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct) =>
            inner.PutAsync(path, apiVersion, body, ifMatch, ct);

        public Task<ArmJsonResponse> PatchAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct) =>
            inner.PatchAsync(path, apiVersion, body, ifMatch, ct);

        public Task DeleteAsync(string path, string apiVersion, CancellationToken ct) => inner.DeleteAsync(path, apiVersion, ct);
    }
}

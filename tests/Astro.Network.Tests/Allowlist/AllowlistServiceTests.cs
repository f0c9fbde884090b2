using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Allowlist;

public class AllowlistServiceTests
{
    private static readonly string StorageId = Id("Microsoft.Storage/storageAccounts/sto1");

    private static FakeArmClient StorageWith(params string[] values)
    {
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody("storage-StorageAccountGetProperties.json");
        doc["properties"]!["networkAcls"]!["defaultAction"] = "Deny";
        doc["properties"]!["networkAcls"]!["ipRules"] = new JsonArray(values.Select(v => (JsonNode)new JsonObject { ["value"] = v, ["action"] = "Allow" }).ToArray());
        arm.Seed(StorageId, doc);
        return arm;
    }

    private static string[] StoredValues(FakeArmClient arm) =>
        arm.Document(StorageId)!["properties"]!["networkAcls"]!["ipRules"]!.AsArray().Select(r => Text(r!["value"])!).ToArray();

    [Fact]
    public async Task WhatIf_reports_the_plan_and_makes_zero_writes()
    {
        var arm = StorageWith("198.51.100.7");
        var change = await Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7" }, whatIf: true);

        Assert.Empty(arm.Writes);
        Assert.True(change.WhatIf);
        Assert.False(change.Changed);
        Assert.Equal(new[] { "203.0.113.7" }, change.Added);
        Assert.Equal(new[] { "198.51.100.7", "203.0.113.7" }, change.EntriesAfter);
        Assert.Equal(new[] { "198.51.100.7" }, StoredValues(arm));
    }

    [Fact]
    public async Task Second_run_is_a_no_op_without_writes()
    {
        var arm = StorageWith("198.51.100.7");
        await Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7" });
        arm.Calls.Clear();

        var again = await Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7" });

        Assert.Empty(arm.Writes);
        Assert.False(again.Changed);
        Assert.Equal(new[] { "203.0.113.7" }, again.AlreadyPresent);
    }

    [Fact]
    public async Task Write_is_verified_by_a_second_read()
    {
        var arm = StorageWith();
        await Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7" });
        // The ownership record's claim goes on first, so no Astro entry ever exists without an owner.
        Assert.Equal(new[] { "GET", "PATCH tags", "PATCH", "GET" }, arm.Calls.Select(c => c.Method + (FakeArmClient.IsTags(c.Path) ? " tags" : "")));
    }

    [Fact]
    public async Task A_concurrent_writer_that_drops_our_entry_triggers_a_fresh_read_merge_write()
    {
        var arm = StorageWith("198.51.100.7");
        var clobbered = false;
        arm.AfterWrite = (fake, call) =>
        {
            if (clobbered || FakeArmClient.IsTags(call.Path))
            {
                return;
            }

            // Another tool writes its own list from a stale read, losing ours and adding its entry.
            clobbered = true;
            fake.Document(StorageId)!["properties"]!["networkAcls"]!["ipRules"] = JsonNode.Parse("""[{"value":"198.51.100.7","action":"Allow"},{"value":"192.0.2.1","action":"Allow"}]""");
        };

        var change = await Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7" });

        Assert.Equal(2, arm.Writes.Count());
        Assert.Equal(new[] { "198.51.100.7", "192.0.2.1", "203.0.113.7" }, StoredValues(arm));
        Assert.Equal(new[] { "198.51.100.7", "192.0.2.1", "203.0.113.7" }, change.EntriesAfter);
        Assert.True(change.Changed);
    }

    [Fact]
    public async Task Precondition_failed_restarts_from_a_fresh_read()
    {
        var arm = StorageWith("198.51.100.7");
        var failures = 1;
        arm.BeforeWrite = call =>
        {
            if (!FakeArmClient.IsTags(call.Path) && failures-- > 0)
            {
                throw new AstroNetworkException("ArmConcurrentUpdate", FailureKind.InvalidOperation, "412", call.Path) { Status = 412 };
            }
        };

        var change = await Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7" });

        Assert.Equal(new[] { "GET", "PATCH", "GET", "PATCH", "GET" }, arm.Calls.Where(c => !FakeArmClient.IsTags(c.Path)).Select(c => c.Method));
        Assert.Equal("manual", (string?)arm.Document(StorageId)!["tags"]!["astro-network:manual"] is { } v && v == "203.0.113.7" ? "manual" : null);
        Assert.True(change.Changed);
    }

    [Fact]
    public async Task Gives_up_with_a_stable_error_when_the_write_never_sticks()
    {
        var arm = StorageWith();
        arm.AfterWrite = (fake, _) => fake.Document(StorageId)!["properties"]!["networkAcls"]!["ipRules"] = new JsonArray();

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7" }));

        Assert.Equal("AllowlistVerificationFailed", ex.ErrorId);
        Assert.Equal(AllowlistService.DefaultMaxAttempts, arm.Writes.Count());
    }

    [Fact]
    public async Task Other_service_errors_are_not_retried()
    {
        var arm = StorageWith();
        arm.BeforeWrite = call => throw new AstroNetworkException("ArmPermissionDenied", FailureKind.PermissionDenied, "403", call.Path) { Status = 403 };

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7" }));
        Assert.Equal("ArmPermissionDenied", ex.ErrorId);
        Assert.Single(arm.Writes);
    }

    [Fact]
    public async Task Invalid_input_fails_before_any_call()
    {
        var arm = StorageWith();
        var bad = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7", "10.0.0.1" }));
        Assert.Equal("PrivateIpNotAllowed", bad.ErrorId);
        var port = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, StorageId, AllowlistOperation.Add, new[] { "203.0.113.7" }, new FirewallOptions { Port = "70000" }));
        Assert.Equal("InvalidPort", port.ErrorId);
        Assert.Empty(arm.Calls);
    }

    [Theory]
    [InlineData("", "InvalidResourceId")]
    [InlineData("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/s", "InvalidResourceId")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts", "InvalidResourceId")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Sql/servers/s/firewallRules/r", "InvalidResourceId")]
    [InlineData("/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm", "UnsupportedResourceType")]
    public async Task Bad_resource_ids_and_types_have_stable_errors(string resourceId, string errorId)
    {
        var arm = new FakeArmClient();
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, resourceId, AllowlistOperation.Add, new[] { "203.0.113.7" }));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, ex.Kind);
        if (errorId == "UnsupportedResourceType")
        {
            Assert.Contains("Microsoft.Network/networkSecurityGroups", ex.Message);
        }
    }

    [Fact]
    public async Task Resource_type_match_is_case_insensitive_and_missing_resources_are_not_found()
    {
        var arm = new FakeArmClient();
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            Run(arm, Id("microsoft.storage/STORAGEACCOUNTS/absent"), AllowlistOperation.Add, new[] { "203.0.113.7" }));
        Assert.Equal("AllowlistResourceNotFound", ex.ErrorId);
        Assert.Equal(FailureKind.ObjectNotFound, ex.Kind);
    }

    [Fact]
    public async Task Get_shows_each_entrys_owner_from_the_ownership_record()
    {
        var arm = StorageWith("198.51.100.7", "203.0.113.7");
        arm.Document(StorageId)!["tags"] = new JsonObject { ["astro-network:cm5demoetl000000000000d01"] = "203.0.113.7,192.0.2.1", ["env"] = "prod" };
        var entries = (await new AllowlistService(arm).GetAsync(StorageId, new FirewallOptions(), CancellationToken.None)).Entries;

        Assert.Equal(new[] { (false, "198.51.100.7"), (true, "203.0.113.7") }, entries.Select(e => (e.IsAstroOwned, e.Value)));
        Assert.Equal(new[] { null, "cm5demoetl000000000000d01" }, entries.Select(e => e.Owner));
        Assert.Equal("{\"value\":\"203.0.113.7\",\"action\":\"Allow\"}", entries[1].Raw);
    }

    [Fact]
    public async Task Test_counts_covering_networks_and_lists_missing_ips()
    {
        var arm = StorageWith("203.0.113.0/24");
        var result = await new AllowlistService(arm).TestAsync(StorageId, new[] { "203.0.113.7", "198.51.100.7" }, new FirewallOptions(), null, CancellationToken.None);

        Assert.False(result.Allowed);
        Assert.Equal(new[] { "203.0.113.7" }, result.Present);
        Assert.Equal(new[] { "198.51.100.7" }, result.Missing);
        Assert.Empty(arm.Writes);
    }
}

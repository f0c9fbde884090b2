using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Allowlist;

/// <summary>SQL-style per-rule firewalls (SQL, PostgreSQL, MySQL, Synapse, Redis), fed with the specs' example payloads (NSG rules: NsgAdapterTests).</summary>
public class RuleAdapterTests
{
    private static FakeArmClient SeedServer(string id, string listExample)
    {
        var arm = new FakeArmClient();
        arm.Seed(id, new JsonObject { ["id"] = id, ["name"] = id.Split('/').Last(), ["properties"] = new JsonObject() });
        // A list example (value[]) or, where the spec's list example is empty (Synapse), one rule's GET example.
        var example = SpecExamples.ResponseBody(listExample);
        foreach (var rule in example["value"]?.AsArray() ?? new JsonArray(example.DeepClone()))
        {
            arm.Seed(id + "/firewallRules/" + Text(rule!["name"])!.Split('/').Last(), (JsonObject)rule.DeepClone());
        }

        return arm;
    }

    [Theory]
    [InlineData("Microsoft.Sql/servers/s1", "sql-FirewallRuleList.json", "2021-11-01")]
    [InlineData("Microsoft.DBforPostgreSQL/flexibleServers/s1", "postgresql-FirewallRuleListByServer.json", "2022-12-01")]
    [InlineData("Microsoft.DBforMySQL/flexibleServers/s1", "mysql-FirewallRulesListByServer.json", "2023-12-30")]
    [InlineData("Microsoft.Synapse/workspaces/s1", "synapse-GetIpFirewallRule.json", "2021-06-01")]
    public async Task Adds_one_named_rule_per_range_and_touches_nothing_else(string typeAndName, string example, string apiVersion)
    {
        var id = Id(typeAndName);
        var arm = SeedServer(id, example);

        var change = await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7", "198.51.100.0/24" });

        var writes = arm.Writes.ToList();
        Assert.Equal(2, writes.Count);
        Assert.All(writes, w => Assert.Equal(("PUT", apiVersion, (string?)null), (w.Method, w.ApiVersion, w.IfMatch)));
        Assert.Equal(id + "/firewallRules/astro-manual-203-0-113-7", writes[0].Path);
        Assert.Equal("{\"properties\":{\"startIpAddress\":\"203.0.113.7\",\"endIpAddress\":\"203.0.113.7\"}}", writes[0].Body);
        Assert.Equal(id + "/firewallRules/astro-manual-198-51-100-0-24", writes[1].Path);
        Assert.Equal("{\"properties\":{\"startIpAddress\":\"198.51.100.0\",\"endIpAddress\":\"198.51.100.255\"}}", writes[1].Body);
        Assert.DoesNotContain(arm.Calls, c => c.Method == "PUT" && c.Path.EndsWith("/firewallRules"));
        Assert.Equal(change.EntriesBefore.Length + 2, change.EntriesAfter.Length);
    }

    [Fact]
    public async Task Range_rules_that_are_not_one_block_are_kept_and_still_count_for_test()
    {
        var id = Id("Microsoft.DBforPostgreSQL/flexibleServers/s1");
        var arm = SeedServer(id, "postgresql-FirewallRuleListByServer.json");
        var service = new AllowlistService(arm);

        var entries = (await service.GetAsync(id, new FirewallOptions(), CancellationToken.None)).Entries;
        Assert.Equal(new[] { "0.0.0.0/0", "1.0.0.0-255.0.0.0" }, entries.Select(e => e.Value));
        Assert.All(entries, e => Assert.False(e.IsAstroOwned));

        var test = await service.TestAsync(id, new[] { "203.0.113.7" }, new FirewallOptions(), "deployment:abc", CancellationToken.None);
        Assert.True(test.Allowed);
        Assert.Equal("deployment:abc", test.Source);
    }

    [Fact]
    public async Task Sync_deletes_stale_astro_rules_after_adding_new_ones()
    {
        var id = Id("Microsoft.Sql/servers/s1");
        var arm = SeedServer(id, "sql-FirewallRuleList.json");
        await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.1" });
        arm.Calls.Clear();

        var change = await Run(arm, id, AllowlistOperation.Sync, new[] { "203.0.113.2" });

        Assert.Equal(new[] { "PUT astro-manual-203-0-113-2", "DELETE astro-manual-203-0-113-1" },
            arm.Writes.Select(w => w.Method + " " + w.Path.Split('/').Last()));
        Assert.Equal(new[] { "203.0.113.1" }, change.Removed);
        var rules = await arm.ListAsync(id + "/firewallRules", "x", default);
        Assert.Equal(4, rules.Count(r => !Text(r["name"])!.StartsWith("astro-")));
    }

    [Fact]
    public async Task Redis_writes_startIP_endIP_under_names_without_hyphens_and_reads_cache_qualified_names()
    {
        var id = Id("Microsoft.Cache/redis/cache1");
        var arm = SeedServer(id, "redis-RedisCacheFirewallRulesList.json");
        // The Get example names its rule "cache1/rule1"; a rule of the module's read back that way is still its own.
        var owned = SpecExamples.ResponseBody("redis-RedisCacheFirewallRuleGet.json");
        owned["name"] = "cache1/astro_manual_203_0_113_9";
        owned["properties"] = new JsonObject { ["startIP"] = "203.0.113.9", ["endIP"] = "203.0.113.9" };
        arm.Seed(id + "/firewallRules/astro_manual_203_0_113_9", owned);
        arm.Seed(id, new JsonObject { ["id"] = id, ["name"] = "cache1", ["properties"] = new JsonObject { ["publicNetworkAccess"] = "Enabled" } });

        var change = await Run(arm, id, AllowlistOperation.Sync, new[] { "203.0.113.7", "198.51.100.0/24" });

        Assert.Equal(new[]
        {
            ("PUT", id + "/firewallRules/astro_manual_203_0_113_7", """{"properties":{"startIP":"203.0.113.7","endIP":"203.0.113.7"}}"""),
            ("PUT", id + "/firewallRules/astro_manual_198_51_100_0_24", """{"properties":{"startIP":"198.51.100.0","endIP":"198.51.100.255"}}"""),
            ("DELETE", id + "/firewallRules/astro_manual_203_0_113_9", (string?)null),
        }, arm.Writes.Select(w => (w.Method, w.Path, w.Body)));
        Assert.All(arm.Writes, w => Assert.Equal("2024-03-01", w.ApiVersion));
        Assert.Equal(new[] { "203.0.113.9" }, change.Removed);
        Assert.Equal(2, (await arm.ListAsync(id + "/firewallRules", "x", default)).Count(r => Text(r["name"])!.StartsWith("rule")));
    }

    [Fact]
    public async Task Redis_refuses_to_remove_its_last_rule_because_no_rule_admits_everyone()
    {
        var id = Id("Microsoft.Cache/redis/cache1");
        var arm = new FakeArmClient();
        arm.Seed(id, new JsonObject { ["id"] = id, ["name"] = "cache1", ["properties"] = new JsonObject() });
        arm.Seed(id + "/firewallRules/astro_manual_203_0_113_9",
            new JsonObject { ["name"] = "astro_manual_203_0_113_9", ["properties"] = new JsonObject { ["startIP"] = "203.0.113.9", ["endIP"] = "203.0.113.9" } });

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, id, AllowlistOperation.Remove, new[] { "203.0.113.9" }));

        Assert.Equal("AllowlistWouldOpenResource", ex.ErrorId);
        Assert.Empty(arm.Writes);
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Allowlist;

/// <summary>SQL-style per-rule firewalls, fed with the specs' example payloads (NSG rules: NsgAdapterTests).</summary>
public class RuleAdapterTests
{
    private static FakeArmClient SeedServer(string id, string listExample)
    {
        var arm = new FakeArmClient();
        arm.Seed(id, new JsonObject { ["id"] = id, ["name"] = id.Split('/').Last(), ["properties"] = new JsonObject() });
        foreach (var rule in SpecExamples.ResponseBody(listExample)["value"]!.AsArray())
        {
            arm.Seed(id + "/firewallRules/" + Text(rule!["name"]), (JsonObject)rule.DeepClone());
        }

        return arm;
    }

    [Theory]
    [InlineData("Microsoft.Sql/servers/s1", "sql-FirewallRuleList.json", "2021-11-01")]
    [InlineData("Microsoft.DBforPostgreSQL/flexibleServers/s1", "postgresql-FirewallRuleListByServer.json", "2022-12-01")]
    [InlineData("Microsoft.DBforMySQL/flexibleServers/s1", "mysql-FirewallRulesListByServer.json", "2023-12-30")]
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
}

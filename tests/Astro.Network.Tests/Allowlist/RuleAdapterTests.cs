using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Allowlist;

/// <summary>SQL-style per-rule firewalls and the NSG rule, fed with the specs' example payloads.</summary>
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
        Assert.Equal(id + "/firewallRules/astro-203-0-113-7", writes[0].Path);
        Assert.Equal("{\"properties\":{\"startIpAddress\":\"203.0.113.7\",\"endIpAddress\":\"203.0.113.7\"}}", writes[0].Body);
        Assert.Equal(id + "/firewallRules/astro-198-51-100-0-24", writes[1].Path);
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

        var entries = (await service.GetAsync(id, Array.Empty<string>(), new FirewallOptions(), CancellationToken.None)).Entries;
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

        Assert.Equal(new[] { "PUT astro-203-0-113-2", "DELETE astro-203-0-113-1" },
            arm.Writes.Select(w => w.Method + " " + w.Path.Split('/').Last()));
        Assert.Equal(new[] { "203.0.113.1" }, change.Removed);
        var rules = await arm.ListAsync(id + "/firewallRules", "x", default);
        Assert.Equal(4, rules.Count(r => !Text(r["name"])!.StartsWith("astro-")));
    }

    [Fact]
    public async Task Nsg_creates_one_inbound_allow_rule_at_the_lowest_free_priority()
    {
        var id = Id("Microsoft.Network/networkSecurityGroups/testnsg");
        var arm = new FakeArmClient { UseETags = true };
        var group = SpecExamples.ResponseBody("network-NetworkSecurityGroupGet.json");
        group["properties"]!["securityRules"]!.AsArray().Add(JsonNode.Parse("""{"name":"r100","properties":{"priority":100,"direction":"Inbound","access":"Deny","protocol":"*"}}"""));
        group["properties"]!["securityRules"]!.AsArray().Add(JsonNode.Parse("""{"name":"out101","properties":{"priority":101,"direction":"Outbound","access":"Allow","protocol":"*"}}"""));
        arm.Seed(id, group);

        await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7", "2001:db8::/48" }, new FirewallOptions { Port = "5432", Protocol = "tcp" });

        var write = Assert.Single(arm.Writes);
        Assert.Equal(("PUT", id + "/securityRules/astro-allow-5432", (string?)null), (write.Method, write.Path, write.IfMatch));
        var p = write.BodyJson["properties"]!;
        Assert.Equal("[\"203.0.113.7\",\"2001:db8::/48\"]", p["sourceAddressPrefixes"]!.ToJsonString());
        Assert.Equal(("Tcp", "5432", "Allow", "Inbound"), (Text(p["protocol"]), Text(p["destinationPortRange"]), Text(p["access"]), Text(p["direction"])));
        Assert.Equal(101, p["priority"]!.GetValue<int>());
        Assert.True(Text(p["description"])!.Length <= 140);
    }

    [Fact]
    public async Task Nsg_updates_its_rule_with_if_match_and_deletes_it_when_empty()
    {
        var id = Id("Microsoft.Network/networkSecurityGroups/testnsg");
        var arm = new FakeArmClient { UseETags = true };
        arm.Seed(id, SpecExamples.ResponseBody("network-NetworkSecurityGroupGet.json"));
        await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" });
        var etag = Text(arm.Document(id)!["properties"]!["securityRules"]!.AsArray().Last()!["etag"]);
        arm.Calls.Clear();

        await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.8" });
        var update = Assert.Single(arm.Writes);
        Assert.Equal(etag, update.IfMatch);
        Assert.Equal("[\"203.0.113.7\",\"203.0.113.8\"]", update.BodyJson["properties"]!["sourceAddressPrefixes"]!.ToJsonString());
        Assert.False(update.BodyJson["properties"]!.AsObject().ContainsKey("provisioningState"));
        arm.Calls.Clear();

        await Run(arm, id, AllowlistOperation.Remove, new[] { "203.0.113.7", "203.0.113.8" });
        var delete = Assert.Single(arm.Writes);
        Assert.Equal(("DELETE", id + "/securityRules/astro-allow"), (delete.Method, delete.Path));
    }

    [Fact]
    public async Task Nsg_rejects_a_priority_already_used_inbound()
    {
        var id = Id("Microsoft.Network/networkSecurityGroups/testnsg");
        var arm = new FakeArmClient();
        arm.Seed(id, SpecExamples.ResponseBody("network-NetworkSecurityGroupGet.json"));
        var used = arm.Document(id)!["properties"]!["securityRules"]!.AsArray()[0]!["properties"]!["priority"]!.GetValue<int>();

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" }, new FirewallOptions { Priority = used }));
        Assert.Equal("NsgPriorityInUse", ex.ErrorId);
        Assert.Empty(arm.Writes);
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Allowlist;

/// <summary>NSG rules that open only what was asked: a port, a destination, one rule per family, never above a customer's Deny.</summary>
public class NsgAdapterTests
{
    private static readonly string Nsg = Id("Microsoft.Network/networkSecurityGroups/testnsg");

    private static FakeArmClient Seed(params string[] rules)
    {
        var arm = new FakeArmClient { UseETags = true };
        var group = SpecExamples.ResponseBody("network-NetworkSecurityGroupGet.json");
        foreach (var rule in rules)
        {
            group["properties"]!["securityRules"]!.AsArray().Add(JsonNode.Parse(rule));
        }

        arm.Seed(Nsg, group);
        return arm;
    }

    private static string Deny(string name, int priority, string source = "*", string port = "*", string protocol = "*") =>
        new JsonObject
        {
            ["name"] = name,
            ["properties"] = new JsonObject
            {
                ["priority"] = priority, ["direction"] = "Inbound", ["access"] = "Deny", ["protocol"] = protocol,
                ["sourceAddressPrefix"] = source, ["destinationAddressPrefix"] = "*", ["destinationPortRange"] = port,
            },
        }.ToJsonString();

    private static int Priority(FakeArmClient.Call write) => write.BodyJson["properties"]!["priority"]!.GetValue<int>();

    [Fact]
    public async Task Puts_one_rule_per_address_family_after_an_overlapping_deny()
    {
        var arm = Seed(Deny("r100", 100), """{"name":"out101","properties":{"priority":101,"direction":"Outbound","access":"Allow","protocol":"*"}}""");

        await Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.7", "2001:db8::/48" }, new FirewallOptions { Port = "5432", Protocol = "tcp" });

        var writes = arm.Writes.ToList();
        Assert.Equal(new[] { Nsg + "/securityRules/astro-manual-allow-5432", Nsg + "/securityRules/astro-manual-allow-5432-ipv6" }, writes.Select(w => w.Path));
        Assert.All(writes, w => Assert.Equal(("PUT", (string?)null), (w.Method, w.IfMatch)));
        Assert.Equal("[\"203.0.113.7\"]", writes[0].BodyJson["properties"]!["sourceAddressPrefixes"]!.ToJsonString());
        Assert.Equal("[\"2001:db8::/48\"]", writes[1].BodyJson["properties"]!["sourceAddressPrefixes"]!.ToJsonString());
        var p = writes[0].BodyJson["properties"]!;
        Assert.Equal(("Tcp", "5432", "VirtualNetwork", "Allow", "Inbound"),
            (Text(p["protocol"]), Text(p["destinationPortRange"]), Text(p["destinationAddressPrefix"]), Text(p["access"]), Text(p["direction"])));
        Assert.Equal(new[] { 101, 102 }, writes.Select(Priority));
        Assert.True(Text(p["description"])!.Length <= 140);
    }

    [Theory]
    [InlineData("443", 201)]   // deny-https-internet (200) covers port 443 from the internet: go after it
    [InlineData("22", 301)]    // deny-ssh (300) covers 22; deny-https does not
    [InlineData("8080", 100)]  // no Deny covers 8080; the office-only Deny (10.0.0.0/8) never matches Astro's address
    public async Task Never_places_the_rule_above_a_deny_rule_that_covers_the_same_traffic(string port, int expected)
    {
        var arm = Seed(Deny("deny-https-internet", 200, "Internet", "443", "Tcp"), Deny("deny-ssh", 300, "*", "20-23"), Deny("deny-office", 150, "10.0.0.0/8"));
        var taken = arm.Document(Nsg)!["properties"]!["securityRules"]!.AsArray().Select(r => r!["properties"]!["priority"]!.GetValue<int>()).ToHashSet();
        Assert.DoesNotContain(expected, taken);

        await Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.7" }, new FirewallOptions { Port = port });

        Assert.Equal(expected, Priority(Assert.Single(arm.Writes)));
    }

    [Fact]
    public async Task Refuses_when_no_priority_is_free_after_the_deny_unless_one_is_given()
    {
        var arm = Seed(Deny("deny-all-4096", 4096));

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.7" }, new FirewallOptions { Port = "443" }));
        Assert.Equal(("NsgNoPriorityBelowDeny", FailureKind.InvalidOperation, (object?)Nsg), (ex.ErrorId, ex.Kind, ex.Target));
        Assert.Contains("deny-all-4096", ex.Message);
        Assert.Empty(arm.Writes);

        await Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.7" }, new FirewallOptions { Port = "443", Priority = 150 });
        Assert.Equal(150, Priority(Assert.Single(arm.Writes)));
    }

    [Fact]
    public async Task An_asked_priority_goes_to_the_first_new_rule_and_the_other_family_takes_the_next_free_one()
    {
        var arm = Seed(Deny("r301", 301));

        await Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.7", "2001:db8::1" }, new FirewallOptions { Port = "443", Priority = 300 });

        Assert.Equal(new[] { 300, 302 }, arm.Writes.Select(Priority));
    }

    [Fact]
    public async Task Without_a_port_nothing_is_read_or_written()
    {
        var arm = Seed();

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.7" }));

        Assert.Equal(("NsgPortRequired", FailureKind.InvalidArgument, (object?)Nsg), (ex.ErrorId, ex.Kind, ex.Target));
        Assert.Empty(arm.Calls);
    }

    [Theory]
    [InlineData("10.0.0.0/24", "2001:db8::1", "NsgDestinationFamilyMismatch")]
    [InlineData("10.0.0.1/24", "203.0.113.7", "InvalidDestinationAddressPrefix")]
    [InlineData("not a prefix!", "203.0.113.7", "InvalidDestinationAddressPrefix")]
    public async Task Refuses_a_destination_azure_would_refuse_before_any_write(string destination, string ip, string errorId)
    {
        var arm = Seed();

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            Run(arm, Nsg, AllowlistOperation.Add, new[] { ip }, new FirewallOptions { Port = "443", DestinationAddressPrefix = destination }));

        Assert.Equal((errorId, FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
        Assert.Empty(arm.Writes);
    }

    [Theory]
    [InlineData("*", "*")]
    [InlineData("10.1.0.0/16", "10.1.0.0/16")]
    [InlineData("Storage.WestEurope", "Storage.WestEurope")]
    public async Task Writes_the_destination_asked(string destination, string expected)
    {
        var arm = Seed();

        await Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.7" }, new FirewallOptions { Port = "443", DestinationAddressPrefix = destination });

        Assert.Equal(expected, Text(Assert.Single(arm.Writes).BodyJson["properties"]!["destinationAddressPrefix"]));
    }

    [Fact]
    public async Task Updates_its_rule_with_if_match_and_deletes_it_when_empty()
    {
        var arm = Seed();
        var options = new FirewallOptions { Port = "443" };
        await Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.7" }, options);
        var etag = Text(arm.Document(Nsg)!["properties"]!["securityRules"]!.AsArray().Last()!["etag"]);
        arm.Calls.Clear();

        await Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.8" }, options);
        var update = Assert.Single(arm.Writes);
        Assert.Equal((Nsg + "/securityRules/astro-manual-allow-443", etag), (update.Path, update.IfMatch));
        Assert.Equal("[\"203.0.113.7\",\"203.0.113.8\"]", update.BodyJson["properties"]!["sourceAddressPrefixes"]!.ToJsonString());
        Assert.False(update.BodyJson["properties"]!.AsObject().ContainsKey("provisioningState"));
        arm.Calls.Clear();

        await Run(arm, Nsg, AllowlistOperation.Remove, new[] { "203.0.113.7", "203.0.113.8" }, options);
        var delete = Assert.Single(arm.Writes);
        Assert.Equal(("DELETE", Nsg + "/securityRules/astro-manual-allow-443"), (delete.Method, delete.Path));
    }

    [Fact]
    public async Task Rejects_a_priority_already_used_inbound()
    {
        var arm = Seed();
        var used = arm.Document(Nsg)!["properties"]!["securityRules"]!.AsArray()[0]!["properties"]!["priority"]!.GetValue<int>();

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            Run(arm, Nsg, AllowlistOperation.Add, new[] { "203.0.113.7" }, new FirewallOptions { Port = "443", Priority = used }));
        Assert.Equal("NsgPriorityInUse", ex.ErrorId);
        Assert.Empty(arm.Writes);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

/// <summary>Event Hubs and Service Bus share the networkRuleSets/default contract; each test runs against both.</summary>
public sealed class NamespaceNetworkRuleSetHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    public static TheoryData<string, string, string> Namespaces => new()
    {
        { "Microsoft.EventHub", "evhns-contoso-ingest", "2024-01-01" },
        { "Microsoft.ServiceBus", "sbns-contoso-events", "2021-11-01" },
    };

    private static string RuleSet(string provider, string ns, string version, string name = "default") =>
        $"{Data}{provider}/namespaces/{ns}/networkRuleSets/{name}?api-version={version}";

    [Theory]
    [MemberData(nameof(Namespaces))]
    public async Task Get_returns_the_singleton_with_its_rules(string provider, string ns, string version)
    {
        var set = await GetOk(RuleSet(provider, ns, version));
        Assert.Equal("default", (string)set["name"]!);
        Assert.Equal($"{provider}/Namespaces/NetworkRuleSets", (string)set["type"]!);
        Assert.Equal("Deny", (string)set["properties"]!["defaultAction"]!);
        Assert.Contains("203.0.113.0/24", Strings(set["properties"]!["ipRules"], "ipMask"));

        var list = await ListAll($"{Data}{provider}/namespaces/{ns}/networkRuleSets?api-version={version}");
        Assert.Equal((string)set["id"]!, (string)Assert.Single(list)["id"]!);
        await AssertError(Send(HttpMethod.Get, RuleSet(provider, ns, version, "other")), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Theory]
    [MemberData(nameof(Namespaces))]
    public async Task Put_is_synchronous_and_keeps_what_the_client_sends_back(string provider, string ns, string version)
    {
        var before = await GetOk(RuleSet(provider, ns, version));
        var properties = before["properties"]!.DeepClone();
        properties["ipRules"]!.AsArray().Add(new JsonObject { ["ipMask"] = "192.0.2.10", ["action"] = "Allow" });
        var (response, body) = await Send(HttpMethod.Put, RuleSet(provider, ns, version), new JsonObject { ["properties"] = properties });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Azure-AsyncOperation"));
        Assert.Equal("192.0.2.10", Strings(body!["properties"]!["ipRules"], "ipMask").Last());
        var after = await GetOk(RuleSet(provider, ns, version));
        Assert.Equal(Strings(before["properties"]!["ipRules"], "ipMask").Append("192.0.2.10"), Strings(after["properties"]!["ipRules"], "ipMask"));
        Assert.Equal(before["properties"]!["virtualNetworkRules"]!.ToJsonString(), after["properties"]!["virtualNetworkRules"]!.ToJsonString());
        Assert.Equal((bool)before["properties"]!["trustedServiceAccessEnabled"]!, (bool)after["properties"]!["trustedServiceAccessEnabled"]!);
    }

    [Theory]
    [MemberData(nameof(Namespaces))]
    public async Task Put_replaces_the_whole_rule_set(string provider, string ns, string version)
    {
        var (response, _) = await Send(HttpMethod.Put, RuleSet(provider, ns, version),
            JsonNode.Parse("""{"properties":{"ipRules":[{"ipMask":"192.0.2.10","action":"Allow"}]}}"""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await GetOk(RuleSet(provider, ns, version));
        Assert.Equal(["192.0.2.10"], Strings(after["properties"]!["ipRules"], "ipMask"));
        Assert.Empty(after["properties"]!["virtualNetworkRules"]!.AsArray());
        Assert.Equal("Allow", (string)after["properties"]!["defaultAction"]!);
    }

    [Theory]
    [MemberData(nameof(Namespaces))]
    public async Task Invalid_rules_are_400_BadRequest_and_change_nothing(string provider, string ns, string version)
    {
        var before = await GetOk(RuleSet(provider, ns, version));
        foreach (var bad in new[]
        {
            """{"properties":{"defaultAction":"Block","ipRules":[]}}""",
            """{"properties":{"defaultAction":"Deny","ipRules":[{"ipMask":"not-an-ip","action":"Allow"}]}}""",
            """{"properties":{"defaultAction":"Deny","ipRules":[{"ipMask":"192.0.2.10/33","action":"Allow"}]}}""",
            """{"properties":{"defaultAction":"Deny","ipRules":[{"ipMask":"192.0.2.10","action":"Deny"}]}}""",
        })
        {
            await AssertError(Send(HttpMethod.Put, RuleSet(provider, ns, version), JsonNode.Parse(bad)), HttpStatusCode.BadRequest, "BadRequest");
        }
        Assert.Equal(before.ToJsonString(), (await GetOk(RuleSet(provider, ns, version))).ToJsonString());
    }

    [Fact]
    public async Task Basic_tier_namespaces_reject_ip_rules()
    {
        await AssertError(Send(HttpMethod.Put, RuleSet("Microsoft.EventHub", "evhns-contoso-basic", "2024-01-01"),
            JsonNode.Parse("""{"properties":{"defaultAction":"Deny","ipRules":[{"ipMask":"192.0.2.10","action":"Allow"}]}}""")),
            HttpStatusCode.BadRequest, "BadRequest");
        var set = await GetOk(RuleSet("Microsoft.EventHub", "evhns-contoso-basic", "2024-01-01"));
        Assert.Empty(set["properties"]!["ipRules"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Namespaces))]
    public async Task Namespaces_list_by_subscription(string provider, string ns, string version)
    {
        var all = await ListAll($"{Sub}/providers/{provider}/namespaces?api-version={version}");
        Assert.Contains(ns, all.Select(n => (string)n["name"]!));
        Assert.All(all, n => Assert.Equal($"{provider}/namespaces", (string)n["type"]!));
    }
}

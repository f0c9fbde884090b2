using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Allowlist;

/// <summary>
/// Key Vault (2023-07-01), Event Hubs (2024-01-01) and Service Bus (2021-11-01) stay at their pinned versions: the shared
/// specs hold no newer stable one for them (issue #13 item 5). What keeps a field a later version adds is that the write
/// body copies the sub-object as read (networkAcls, or the rule set's properties) and every list item as read, so a field
/// the pinned version does not know goes back to the service unchanged.
/// </summary>
public class NewerFieldsSurviveTests
{
    // Stands for any field a later api-version adds next to ipRules (as Storage's ipv6Rules did) or on one rule.
    private const string FutureList = "[{\"value\":\"2001:db8::/64\",\"action\":\"Allow\"}]";

    [Fact]
    public async Task Key_vault_sends_back_the_networkAcls_fields_and_rule_fields_it_does_not_know()
    {
        var id = Id("Microsoft.KeyVault/vaults/kv1");
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody("keyvault-createVaultWithNetworkAcls.json");
        var acls = doc["properties"]!["networkAcls"]!;
        acls["futureRules"] = JsonNode.Parse(FutureList);
        acls["ipRules"]![0]!["futureNote"] = "kept";
        arm.Seed(id, doc);

        await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" });

        var write = Assert.Single(arm.Writes, w => w.Path == id);
        Assert.Equal(("PATCH", "2023-07-01"), (write.Method, write.ApiVersion));
        var written = write.BodyJson["properties"]!["networkAcls"]!;
        Assert.Equal(FutureList, written["futureRules"]!.ToJsonString());
        Assert.Equal("{\"value\":\"124.56.78.91/32\",\"futureNote\":\"kept\"}", written["ipRules"]![0]!.ToJsonString());
        Assert.Equal("203.0.113.7/32", Text(written["ipRules"]!.AsArray().Last()!["value"]));
    }

    /// <summary>
    /// SecuredByPerimeter is a publicNetworkAccess value Event Hubs 2024-01-01 declares and Service Bus 2021-11-01 does
    /// not; either way the PUT of the whole properties object carries it (and any unknown field) back as read.
    /// </summary>
    [Theory]
    [InlineData("Microsoft.EventHub/namespaces/ns1", "eventhub-EHNetworkRuleSetGet.json", "2024-01-01")]
    [InlineData("Microsoft.ServiceBus/namespaces/ns1", "servicebus-SBNetworkRuleSetGet.json", "2021-11-01")]
    public async Task Namespace_rule_sets_send_back_the_fields_they_do_not_know(string typeAndName, string example, string apiVersion)
    {
        var arm = new FakeArmClient();
        var (id, ruleSet, doc) = SeedNamespace(arm, typeAndName, example, properties =>
        {
            properties["defaultAction"] = "Deny";
            properties["publicNetworkAccess"] = "SecuredByPerimeter";
            properties["trustedServiceAccessEnabled"] = true;
            properties["futureRules"] = JsonNode.Parse(FutureList);
            properties["ipRules"]![0]!["futureNote"] = "kept";
        });

        await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" });

        var write = Assert.Single(arm.Writes, w => w.Path == ruleSet);
        Assert.Equal(("PUT", apiVersion), (write.Method, write.ApiVersion));
        var expected = (JsonObject)doc["properties"]!.DeepClone();
        expected["ipRules"]!.AsArray().Add(new JsonObject { ["ipMask"] = "203.0.113.7", ["action"] = "Allow" });
        Assert.Equal(new JsonObject { ["properties"] = expected }.ToJsonString(), write.Body);
    }
}

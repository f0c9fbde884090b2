using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Allowlist;

/// <summary>Adapters that write one whole list, fed with the specs' example payloads.</summary>
public class ListAdapterTests
{
    [Fact]
    public async Task Storage_patches_the_whole_networkAcls_with_bare_single_hosts()
    {
        var id = Id("Microsoft.Storage/storageAccounts/sto1");
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody("storage-StorageAccountGetProperties.json");
        doc["properties"]!["networkAcls"]!["ipRules"] = new JsonArray(new JsonObject { ["value"] = "198.51.100.0/24", ["action"] = "Allow" });
        arm.Seed(id, doc);

        // The example's defaultAction is Allow: the entries change nothing, so the write needs -Force and warns.
        var refused = await Assert.ThrowsAsync<Astro.Network.Engine.AstroNetworkException>(() => Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7/32" }));
        Assert.Equal("AllowlistDefaultActionAllow", refused.ErrorId);
        Assert.Empty(arm.Writes);
        var change = await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7/32" }, force: true);

        var write = Assert.Single(arm.Writes);
        Assert.Equal(("PATCH", id, "2025-08-01"), (write.Method, write.Path, write.ApiVersion));
        var acls = write.BodyJson["properties"]!["networkAcls"]!;
        Assert.Equal(new[] { "properties" }, write.BodyJson.Select(p => p.Key));
        Assert.Equal("AzureServices", Text(acls["bypass"]));
        Assert.Equal("Allow", Text(acls["defaultAction"]));
        Assert.Single(acls["resourceAccessRules"]!.AsArray());
        Assert.Equal("[{\"value\":\"198.51.100.0/24\",\"action\":\"Allow\"},{\"value\":\"203.0.113.7\",\"action\":\"Allow\"}]", acls["ipRules"]!.ToJsonString());
        Assert.True(change.Changed);
        Assert.Equal(new[] { "198.51.100.0/24", "203.0.113.7" }, change.EntriesAfter);
        Assert.Contains(change.Warnings, w => w.Contains("defaultAction is Allow"));
    }

    [Fact]
    public async Task Storage_keeps_the_ipv6_rules_it_does_not_manage()
    {
        // api-version 2023-05-01 does not know networkAcls.ipv6Rules, so a whole-networkAcls PATCH from it would drop them
        // (azure-specs §10.1): the module reads and writes at 2025-08-01 and sends them back as read.
        var id = Id("Microsoft.Storage/storageAccounts/sto1");
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody("storage-StorageAccountGetProperties.json");
        doc["properties"]!["networkAcls"]!["defaultAction"] = "Deny";
        doc["properties"]!["networkAcls"]!["ipv6Rules"] = new JsonArray(new JsonObject { ["value"] = "2001:db8:85a3::/64", ["action"] = "Allow" });
        arm.Seed(id, doc);

        await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" });

        var acls = Assert.Single(arm.Writes).BodyJson["properties"]!["networkAcls"]!;
        Assert.Equal("[{\"value\":\"2001:db8:85a3::/64\",\"action\":\"Allow\"}]", acls["ipv6Rules"]!.ToJsonString());
    }

    [Fact]
    public async Task Key_vault_writes_slash_32_and_keeps_entries_it_cannot_parse_byte_for_byte()
    {
        var id = Id("Microsoft.KeyVault/vaults/kv1");
        var arm = new FakeArmClient();
        arm.Seed(id, SpecExamples.ResponseBody("keyvault-createVaultWithNetworkAcls.json"));

        await Run(arm, id, AllowlistOperation.Add, new[] { "124.56.78.91", "203.0.113.7" });

        var write = Assert.Single(arm.Writes);
        Assert.Equal("PATCH", write.Method);
        var acls = write.BodyJson["properties"]!["networkAcls"]!;
        Assert.Equal("[{\"value\":\"124.56.78.91/32\"},{\"value\":\"\\u002710.91.4.0/24\\u0027\"},{\"value\":\"203.0.113.7/32\"}]", acls["ipRules"]!.ToJsonString());
        Assert.Equal("Deny", Text(acls["defaultAction"]));
        Assert.Single(acls["virtualNetworkRules"]!.AsArray());
    }

    [Fact]
    public async Task Cosmos_patches_only_ip_rules()
    {
        var id = Id("Microsoft.DocumentDB/databaseAccounts/ddb1");
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody("cosmos-CosmosDBDatabaseAccountGet.json");
        doc["properties"]!["ipRules"] = new JsonArray(new JsonObject { ["ipAddressOrRange"] = "23.40.210.0/8" });
        arm.Seed(id, doc);

        var change = await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.0/24" });

        var write = Assert.Single(arm.Writes);
        Assert.Equal("{\"properties\":{\"ipRules\":[{\"ipAddressOrRange\":\"23.40.210.0/8\"},{\"ipAddressOrRange\":\"203.0.113.0/24\"}]}}", write.Body);
        Assert.Equal(new[] { "23.0.0.0/8" }, change.EntriesBefore);
    }

    [Fact]
    public async Task Cosmos_refuses_to_remove_the_last_entry_because_empty_means_open()
    {
        var id = Id("Microsoft.DocumentDB/databaseAccounts/ddb1");
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody("cosmos-CosmosDBDatabaseAccountGet.json");
        doc["properties"]!["ipRules"] = new JsonArray(new JsonObject { ["ipAddressOrRange"] = "203.0.113.7" });
        doc["tags"] = new JsonObject { ["astro-network:manual"] = "203.0.113.7" };   // the module's entry, so Remove would take it
        arm.Seed(id, doc);

        var ex = await Assert.ThrowsAsync<Astro.Network.Engine.AstroNetworkException>(() => Run(arm, id, AllowlistOperation.Remove, new[] { "203.0.113.7" }));
        Assert.Equal("AllowlistWouldOpenResource", ex.ErrorId);
        Assert.Empty(arm.Writes);
    }

    [Fact]
    public async Task Container_registry_patches_network_rule_set_with_action_allow()
    {
        var id = Id("Microsoft.ContainerRegistry/registries/myRegistry");
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody("acr-RegistryGet.json");
        doc["sku"] = new JsonObject { ["name"] = "Premium" };
        arm.Seed(id, doc);

        // No networkRuleSet means defaultAction Allow: entries take effect only once it is Deny, hence -Force.
        var change = await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" }, force: true);
        Assert.Equal(EffectiveAccess.RulesIgnored, change.EffectiveAccess);

        var write = Assert.Single(arm.Writes);
        Assert.Equal("{\"properties\":{\"networkRuleSet\":{\"defaultAction\":\"Allow\",\"ipRules\":[{\"action\":\"Allow\",\"value\":\"203.0.113.7\"}]}}}", write.Body);
    }

    [Theory]
    [InlineData("Microsoft.EventHub/namespaces/ns1", "eventhub-EHNetworkRuleSetGet.json", "2024-01-01")]
    [InlineData("Microsoft.ServiceBus/namespaces/ns1", "servicebus-SBNetworkRuleSetGet.json", "2021-11-01")]
    public async Task Namespaces_put_the_whole_default_rule_set(string typeAndName, string example, string apiVersion)
    {
        var arm = new FakeArmClient();
        var (id, ruleSet, doc) = SeedNamespace(arm, typeAndName, example);

        // The Service Bus example has defaultAction Allow (entries without effect): -Force writes it anyway.
        var change = await Run(arm, id, AllowlistOperation.Sync, new[] { "1.1.1.2", "203.0.113.7" }, alsoOwned: new[] { "1.1.1.1" }, force: true);

        var write = Assert.Single(arm.Writes);
        Assert.Equal(("PUT", ruleSet, apiVersion), (write.Method, write.Path, write.ApiVersion));
        var expected = (JsonObject)doc["properties"]!.DeepClone();
        var rules = expected["ipRules"]!.AsArray();
        rules.RemoveAt(0);
        rules.Add(new JsonObject { ["ipMask"] = "203.0.113.7", ["action"] = "Allow" });
        Assert.Equal(new JsonObject { ["properties"] = expected }.ToJsonString(), write.Body);
        Assert.Equal(new[] { "1.1.1.1" }, change.Removed);
    }

    [Fact]
    public async Task App_service_drops_the_synthetic_rule_and_names_its_own()
    {
        var id = Id("Microsoft.Web/sites/func1");
        var config = id + "/config/web";
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody("web-GetSiteConfig.json");
        doc["properties"]!["ipSecurityRestrictions"] = JsonNode.Parse("""
            [{"ipAddress":"198.51.100.0/24","action":"Allow","tag":"Default","priority":100,"name":"office"},
             {"ipAddress":"AzureFrontDoor.Backend","action":"Allow","tag":"ServiceTag","priority":200,"name":"fd"},
             {"ipAddress":"Any","action":"Deny","priority":2147483647,"name":"Deny all","description":"Deny all access"}]
            """);
        arm.Seed(config, doc);

        var change = await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" }, new FirewallOptions { Priority = 300 });

        var write = Assert.Single(arm.Writes);
        Assert.Equal(("PATCH", config), (write.Method, write.Path));
        var list = write.BodyJson["properties"]!["ipSecurityRestrictions"]!.AsArray();
        Assert.Equal(new[] { "office", "fd", "astro-203-0-113-7" }, list.Select(r => Text(r!["name"])));
        Assert.Equal("""{"ipAddress":"203.0.113.7/32","action":"Allow","tag":"Default","priority":300,"name":"astro-203-0-113-7","description":"Managed by Astro.Network for Astro source manual"}""", list[2]!.ToJsonString());
        Assert.Single(write.BodyJson["properties"]!.AsObject());
        Assert.DoesNotContain("AzureFrontDoor.Backend", change.Added);
    }

    [Theory]
    [InlineData("Microsoft.EventGrid/topics/exampletopic2", "eventgrid-Topics_Get.json")]
    [InlineData("Microsoft.EventGrid/domains/exampledomain2", "eventgrid-Domains_Get.json")]
    public async Task Event_grid_patches_only_inbound_ip_rules_with_cidr_masks(string typeAndName, string example)
    {
        var id = Id(typeAndName);
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody(example);
        doc["properties"]!["inboundIpRules"] = new JsonArray(new JsonObject { ["ipMask"] = "198.51.100.0/24", ["action"] = "Allow" });
        arm.Seed(id, doc);

        var change = await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" });

        var write = Assert.Single(arm.Writes.Where(w => !w.Path.Contains("/providers/Microsoft.Resources/tags")));
        Assert.Equal(("PATCH", id, "2022-06-15"), (write.Method, write.Path, write.ApiVersion));
        Assert.Equal("""{"properties":{"inboundIpRules":[{"ipMask":"198.51.100.0/24","action":"Allow"},{"ipMask":"203.0.113.7/32","action":"Allow"}]}}""", write.Body);
        Assert.Equal(new[] { "198.51.100.0/24", "203.0.113.7" }, change.EntriesAfter);
    }

    [Fact]
    public async Task Search_patches_the_whole_network_rule_set_and_keeps_what_it_does_not_manage()
    {
        var id = Id("Microsoft.Search/searchServices/mysearchservice");
        var arm = new FakeArmClient();
        var doc = SpecExamples.ResponseBody("search-SearchGetService.json");
        doc["properties"]!["networkRuleSet"] = JsonNode.Parse("""{"ipRules":[{"value":"123.4.5.6"}],"bypass":"AzureServices"}""");
        arm.Seed(id, doc);

        await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7/32" });

        var write = Assert.Single(arm.Writes.Where(w => !w.Path.Contains("/providers/Microsoft.Resources/tags")));
        Assert.Equal(("PATCH", id, "2023-11-01"), (write.Method, write.Path, write.ApiVersion));
        Assert.Equal("""{"properties":{"networkRuleSet":{"ipRules":[{"value":"123.4.5.6"},{"value":"203.0.113.7"}],"bypass":"AzureServices"}}}""", write.Body);
    }

    [Fact]
    public async Task Kusto_patches_only_the_ip_range_list_with_if_match_on_the_cluster_etag()
    {
        var id = Id("Microsoft.Kusto/clusters/kustoCluster");
        var arm = new FakeArmClient { UseETags = true };
        var doc = SpecExamples.ResponseBody("kusto-KustoClustersGet.json");
        doc["properties"]!["allowedIpRangeList"] = new JsonArray("198.51.100.0/24");
        arm.Seed(id, doc);

        var change = await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" });

        // One write, on the first try: the claims' tag write changed the etag, and the If-Match sent is the new one.
        var write = Assert.Single(arm.Writes, w => !FakeArmClient.IsTags(w.Path));
        Assert.Equal(("PATCH", id, "2023-08-15"), (write.Method, write.Path, write.ApiVersion));
        Assert.NotNull(write.IfMatch);
        Assert.Equal("""{"properties":{"allowedIpRangeList":["198.51.100.0/24","203.0.113.7/32"]}}""", write.Body);
        Assert.Equal(new[] { "198.51.100.0/24", "203.0.113.7" }, change.EntriesAfter);
    }

    [Fact]
    public async Task Ip_group_is_put_whole_without_read_only_fields_with_if_match_and_the_record_in_its_tags()
    {
        var id = Id("Microsoft.Network/ipGroups/ipGroups1");
        var arm = new FakeArmClient { UseETags = true };
        arm.Seed(id, SpecExamples.ResponseBody("network-IpGroupsGet.json"));

        // A private range is accepted: a firewall sees peered traffic by its private address.
        var change = await Run(arm, id, AllowlistOperation.Add, new[] { "10.1.2.3" });

        var write = Assert.Single(arm.Writes);
        Assert.Equal(("PUT", id, "2024-01-01"), (write.Method, write.Path, write.ApiVersion));
        Assert.NotNull(write.IfMatch);
        Assert.Empty(arm.TagWrites);
        Assert.Equal(new[] { "location", "properties", "tags" }, write.BodyJson.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("""{"ipAddresses":["13.64.39.16/32","40.74.146.80/31","40.74.147.32/28","10.1.2.3"]}""", write.BodyJson["properties"]!.ToJsonString());
        Assert.Equal("10.1.2.3", Text(write.BodyJson["tags"]!["astro-network:manual"]));
        Assert.Contains(change.Warnings, w => w.Contains("firewall 'azurefirewall'") && w.Contains("every rule"));
    }

    [Fact]
    public async Task Container_app_patches_the_ingress_as_read_with_a_named_allow_rule_and_the_location()
    {
        var id = Id("Microsoft.App/containerApps/testcontainerapp0");
        var arm = new FakeArmClient();
        arm.Seed(id, SpecExamples.ResponseBody("app-ContainerApps_Get.json"));

        var change = await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.7" });

        var write = Assert.Single(arm.Writes);
        Assert.Equal(("PATCH", id, "2024-03-01"), (write.Method, write.Path, write.ApiVersion));
        Assert.Equal("East US", Text(write.BodyJson["location"]));
        var ingress = write.BodyJson["properties"]!["configuration"]!["ingress"]!.AsObject();
        Assert.Equal(new[] { "configuration" }, write.BodyJson["properties"]!.AsObject().Select(p => p.Key));
        Assert.False(ingress.ContainsKey("fqdn"));
        Assert.Equal(2, ingress["customDomains"]!.AsArray().Count);
        var added = ingress["ipSecurityRestrictions"]!.AsArray().Last()!;
        Assert.Equal(AstroRuleNaming.For(IpRange.Parse("203.0.113.7"), "manual"), Text(added["name"]));
        Assert.Equal(("203.0.113.7/32", "Allow"), (Text(added["ipAddressRange"]), Text(added["action"])));
        Assert.Empty(arm.TagWrites);
        Assert.Equal(3, change.EntriesAfter.Length);
    }
}

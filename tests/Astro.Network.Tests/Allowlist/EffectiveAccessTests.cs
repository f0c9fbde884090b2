using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Allowlist;

/// <summary>The effective-access model per type and state (issue 11), read from the documents an adapter reads.</summary>
public class EffectiveAccessTests
{
    // Each case: the resource, its documents ("" = the resource itself, else a path suffix), the Astro region, the state and cause.
    public static TheoryData<string, string, string?, EffectiveAccess, string> Cases => new()
    {
        { "Microsoft.Storage/storageAccounts/st1", """{"":{"location":"eastus2","properties":{"networkAcls":{"defaultAction":"Deny","ipRules":[{"value":"198.51.100.7"}]}}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.Storage/storageAccounts/st1", """{"":{"location":"eastus2","properties":{"networkAcls":{"defaultAction":"Allow","ipRules":[]}}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistDefaultActionAllow" },
        { "Microsoft.Storage/storageAccounts/st1", """{"":{"location":"eastus2","properties":{"publicNetworkAccess":"Disabled","networkAcls":{"defaultAction":"Deny"}}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled" },
        { "Microsoft.Storage/storageAccounts/st1", """{"":{"location":"eastus2","properties":{"networkAcls":{"defaultAction":"Deny"}}}}""", "East US 2", EffectiveAccess.RulesIgnored, "AllowlistSameRegion" },
        { "Microsoft.Storage/storageAccounts/st1", """{"":{"location":"eastus2","properties":{"networkAcls":{"defaultAction":"Deny"}}}}""", "westeurope", EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.KeyVault/vaults/kv1", """{"":{"properties":{}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistDefaultActionAllow" },
        { "Microsoft.KeyVault/vaults/kv1", """{"":{"properties":{"publicNetworkAccess":"Disabled","networkAcls":{"defaultAction":"Deny"}}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled" },
        { "Microsoft.ContainerRegistry/registries/acr1", """{"":{"sku":{"name":"Basic"},"properties":{}}}""", null, EffectiveAccess.WriteRefused, "AllowlistSkuNotSupported" },
        { "Microsoft.ContainerRegistry/registries/acr1", """{"":{"sku":{"name":"Standard"},"properties":{"networkRuleSet":{"defaultAction":"Deny"}}}}""", null, EffectiveAccess.WriteRefused, "AllowlistSkuNotSupported" },
        { "Microsoft.ContainerRegistry/registries/acr1", """{"":{"sku":{"name":"Premium"},"properties":{"networkRuleSet":{"defaultAction":"Deny","ipRules":[]}}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.DocumentDB/databaseAccounts/db1", """{"":{"properties":{"publicNetworkAccess":"Enabled","ipRules":[]}}}""", null, EffectiveAccess.Open, "AllowlistEmptyMeansOpen" },
        { "Microsoft.DocumentDB/databaseAccounts/db1", """{"":{"properties":{"isVirtualNetworkFilterEnabled":true,"virtualNetworkRules":[{"id":"x"}],"ipRules":[]}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.DocumentDB/databaseAccounts/db1", """{"":{"properties":{"publicNetworkAccess":"Disabled","ipRules":[{"ipAddressOrRange":"198.51.100.7"}]}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled" },
        { "Microsoft.EventHub/namespaces/eh1", """{"":{"sku":{"tier":"Basic"}},"/networkRuleSets/default":{"properties":{"defaultAction":"Allow","ipRules":[],"virtualNetworkRules":[]}}}""", null, EffectiveAccess.WriteRefused, "AllowlistTierNotSupported" },
        { "Microsoft.EventHub/namespaces/eh1", """{"":{"sku":{"tier":"Standard"}},"/networkRuleSets/default":{"properties":{"defaultAction":"Deny","ipRules":[],"virtualNetworkRules":[]}}}""", null, EffectiveAccess.Open, "AllowlistEmptyMeansOpen" },
        { "Microsoft.EventHub/namespaces/eh1", """{"":{"sku":{"tier":"Standard"}},"/networkRuleSets/default":{"properties":{"defaultAction":"Allow","ipRules":[{"ipMask":"198.51.100.7"}]}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistDefaultActionAllow" },
        { "Microsoft.ServiceBus/namespaces/sb1", """{"":{"sku":{"tier":"Standard"}},"/networkRuleSets/default":{"properties":{"defaultAction":"Deny","ipRules":[{"ipMask":"198.51.100.7"}]}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.ServiceBus/namespaces/sb1", """{"":{"sku":{"tier":"Premium"},"properties":{"publicNetworkAccess":"Disabled"}},"/networkRuleSets/default":{"properties":{"defaultAction":"Deny","ipRules":[]}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled" },
        { "Microsoft.Web/sites/app1", """{"/config/web":{"properties":{"ipSecurityRestrictions":[{"ipAddress":"Any","action":"Allow","priority":2147483647,"name":"Allow all"}]}}}""", null, EffectiveAccess.Open, "AllowlistEmptyMeansOpen" },
        { "Microsoft.Web/sites/app1", """{"/config/web":{"properties":{"ipSecurityRestrictions":[{"ipAddress":"198.51.100.0/24","action":"Allow","name":"office"},{"ipAddress":"Any","action":"Deny","priority":2147483647,"name":"Deny all"}]}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.Web/sites/app1", """{"/config/web":{"properties":{"ipSecurityRestrictions":[{"ipAddress":"198.51.100.0/24","action":"Allow","name":"office"},{"ipAddress":"Any","action":"Allow","priority":2147483647,"name":"Allow all"}]}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistDefaultActionAllow" },
        { "Microsoft.Web/sites/app1", """{"/config/web":{"properties":{"ipSecurityRestrictions":[{"ipAddress":"Any","action":"Deny","priority":2147483647,"name":"Deny all"}]}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.ContainerService/managedClusters/aks1", """{"":{"properties":{"apiServerAccessProfile":{}}}}""", null, EffectiveAccess.Open, "AllowlistEmptyMeansOpen" },
        { "Microsoft.ContainerService/managedClusters/aks1", """{"":{"properties":{"apiServerAccessProfile":{"enablePrivateCluster":true}}}}""", null, EffectiveAccess.WriteRefused, "AksPrivateClusterNotSupported" },
        { "Microsoft.Sql/servers/sql1", """{"":{"properties":{"publicNetworkAccess":"Disabled"}}}""", null, EffectiveAccess.WriteRefused, "AllowlistPublicAccessDisabled" },
        { "Microsoft.Sql/servers/sql1", """{"":{"properties":{"publicNetworkAccess":"Enabled"}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.DBforPostgreSQL/flexibleServers/pg1", """{"":{"properties":{"network":{"delegatedSubnetResourceId":"/subscriptions/x/resourceGroups/r/providers/Microsoft.Network/virtualNetworks/v/subnets/s","publicNetworkAccess":"Disabled"}}}}""", null, EffectiveAccess.WriteRefused, "AllowlistPrivateAccessMode" },
        { "Microsoft.DBforMySQL/flexibleServers/my1", """{"":{"properties":{"network":{"publicNetworkAccess":"Disabled"}}}}""", null, EffectiveAccess.WriteRefused, "AllowlistPrivateAccessMode" },
        { "Microsoft.DBforMySQL/flexibleServers/my1", """{"":{"properties":{"network":{"publicNetworkAccess":"Enabled"}}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.Synapse/workspaces/syn1", """{"":{"properties":{"publicNetworkAccess":"Enabled"}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.EventGrid/topics/egt1", """{"":{"properties":{"inboundIpRules":[]}}}""", null, EffectiveAccess.Open, "AllowlistEmptyMeansOpen" },
        { "Microsoft.App/containerApps/ca1", """{"":{"properties":{"configuration":{"ingress":{"external":true,"ipSecurityRestrictions":[]}}}}}""", null, EffectiveAccess.Open, "AllowlistEmptyMeansOpen" },
        { "Microsoft.App/containerApps/ca1", """{"":{"properties":{"configuration":{"ingress":{"external":true,"ipSecurityRestrictions":[{"name":"office","ipAddressRange":"198.51.100.0/24","action":"Allow"}]}}}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.App/containerApps/ca1", """{"":{"properties":{"configuration":{"ingress":{"external":true,"ipSecurityRestrictions":[{"name":"bad","ipAddressRange":"192.0.2.0/24","action":"Deny"}]}}}}}""", null, EffectiveAccess.WriteRefused, "ContainerAppDenyRules" },
        { "Microsoft.App/containerApps/ca1", """{"":{"properties":{"configuration":{"ingress":{"external":false}}}}}""", null, EffectiveAccess.WriteRefused, "AllowlistPrivateAccessMode" },
        { "Microsoft.App/containerApps/ca1", """{"":{"properties":{"configuration":{}}}}""", null, EffectiveAccess.WriteRefused, "ContainerAppNoIngress" },
        { "Microsoft.Network/ipGroups/ipg1", """{"":{"properties":{"ipAddresses":[],"firewalls":[],"firewallPolicies":[]}}}""", null, EffectiveAccess.RulesIgnored, "IpGroupNotReferenced" },
        { "Microsoft.Network/ipGroups/ipg1", """{"":{"properties":{"ipAddresses":[],"firewallPolicies":[{"id":"/x/firewallPolicies/p1"}]}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.Kusto/clusters/adx1", """{"":{"properties":{"allowedIpRangeList":[]}}}""", null, EffectiveAccess.Open, "AllowlistEmptyMeansOpen" },
        { "Microsoft.Kusto/clusters/adx1", """{"":{"properties":{"publicNetworkAccess":"Enabled","allowedIpRangeList":["198.51.100.7/32"]}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.Kusto/clusters/adx1", """{"":{"properties":{"publicNetworkAccess":"Disabled","allowedIpRangeList":["198.51.100.7/32"]}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled" },
        { "Microsoft.Search/searchServices/srch1", """{"":{"sku":{"name":"free"},"properties":{"publicNetworkAccess":"enabled"}}}""", null, EffectiveAccess.WriteRefused, "AllowlistSkuNotSupported" },
        { "Microsoft.Search/searchServices/srch1", """{"":{"sku":{"name":"basic"},"properties":{"networkRuleSet":{"ipRules":[]}}}}""", null, EffectiveAccess.Open, "AllowlistEmptyMeansOpen" },
        { "Microsoft.Search/searchServices/srch1", """{"":{"sku":{"name":"standard"},"properties":{"networkRuleSet":{"ipRules":[{"value":"198.51.100.7"}]}}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.Search/searchServices/srch1", """{"":{"sku":{"name":"standard"},"properties":{"publicNetworkAccess":"disabled","networkRuleSet":{"ipRules":[{"value":"198.51.100.7"}]}}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled" },
        { "Microsoft.EventGrid/topics/egt1", """{"":{"properties":{"inboundIpRules":[{"ipMask":"198.51.100.7/32","action":"Allow"}]}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.EventGrid/domains/egd1", """{"":{"properties":{"publicNetworkAccess":"Disabled","inboundIpRules":[{"ipMask":"198.51.100.7/32"}]}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled" },
        { "Microsoft.Synapse/workspaces/syn1", """{"":{"properties":{"publicNetworkAccess":"Disabled"}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled" },
        { "Microsoft.Cache/redis/redis1", """{"":{"properties":{"sku":{"name":"Basic"},"publicNetworkAccess":"Enabled"}}}""", null, EffectiveAccess.Open, "AllowlistEmptyMeansOpen" },
        { "Microsoft.Cache/redis/redis1", """{"":{"properties":{"publicNetworkAccess":"Enabled"}},"/firewallRules/office":{"name":"redis1/office","properties":{"startIP":"198.51.100.7","endIP":"198.51.100.7"}}}""", null, EffectiveAccess.Restricted, "AllowlistInForce" },
        { "Microsoft.Cache/redis/redis1", """{"":{"properties":{"publicNetworkAccess":"Disabled"}},"/firewallRules/office":{"name":"office","properties":{"startIP":"198.51.100.7","endIP":"198.51.100.7"}}}""", null, EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Test_reports_the_effective_access_and_answers_can_astro_reach_it(string resource, string documents, string? region,
        EffectiveAccess state, string cause)
    {
        var (arm, id) = Seeded(resource, documents);

        var result = await new AllowlistService(arm).TestAsync(id, new[] { "198.51.100.7" }, new FirewallOptions(), null, CancellationToken.None,
            new AccessContext(new[] { region }));

        Assert.Equal(state, result.EffectiveAccess);
        Assert.Equal(state == EffectiveAccess.Open || (state == EffectiveAccess.Restricted && result.Missing.Length == 0), result.Allowed);
        if (state != EffectiveAccess.Restricted)
        {
            Assert.Contains(id.Split('/').Last(), result.Reason);
        }

        var read = await new AllowlistService(arm).GetAsync(id, new FirewallOptions(), CancellationToken.None, new AccessContext(new[] { region }));
        Assert.Equal((state, cause), (read.EffectiveAccess, read.EffectiveAccessCause));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Add_writes_only_where_the_entry_takes_effect_and_the_resource_was_not_open(string resource, string documents, string? region,
        EffectiveAccess state, string cause)
    {
        var (arm, id) = Seeded(resource, documents);
        var request = new AllowlistRequest
        {
            ResourceId = id, Operation = AllowlistOperation.Add, IpAddresses = new[] { "203.0.113.9" },
            Context = new AccessContext(new[] { region }),
        };

        if (state == EffectiveAccess.Restricted)
        {
            var change = await new AllowlistService(arm).ChangeAsync(request, CancellationToken.None);
            Assert.True(change.Changed);
            return;
        }

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => new AllowlistService(arm).ChangeAsync(request, CancellationToken.None));
        Assert.Equal(state == EffectiveAccess.Open ? "AllowlistWouldRestrictResource" : cause, ex.ErrorId);
        Assert.Equal((FailureKind.InvalidOperation, (object)id), (ex.Kind, ex.Target!));
        Assert.Empty(arm.Writes);

        request.Force = true;
        if (state == EffectiveAccess.WriteRefused)
        {
            // -Force never overrides what Azure itself refuses.
            var refused = await Assert.ThrowsAsync<AstroNetworkException>(() => new AllowlistService(arm).ChangeAsync(request, CancellationToken.None));
            Assert.Equal(cause, refused.ErrorId);
            Assert.Empty(arm.Writes);
            return;
        }

        var forced = await new AllowlistService(arm).ChangeAsync(request, CancellationToken.None);
        Assert.True(forced.Changed);
        Assert.NotEmpty(forced.Warnings);
        Assert.Equal(state, forced.EffectiveAccessBefore);
    }

    [Fact]
    public async Task Removing_the_last_ip_rule_of_a_namespace_without_vnet_rules_is_refused()
    {
        var (arm, id) = Seeded("Microsoft.ServiceBus/namespaces/sb1",
            """{"":{"sku":{"tier":"Premium"},"tags":{"astro-network:manual":"203.0.113.9"}},"/networkRuleSets/default":{"properties":{"defaultAction":"Deny","ipRules":[{"ipMask":"203.0.113.9","action":"Allow"}],"virtualNetworkRules":[]}}}""");

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, id, AllowlistOperation.Remove, new[] { "203.0.113.9" }));

        Assert.Equal("AllowlistWouldOpenResource", ex.ErrorId);
        Assert.Contains("sb1", ex.Message);
        Assert.Empty(arm.Writes);
    }

    [Fact]
    public async Task A_namespace_with_a_vnet_rule_stays_closed_when_its_last_ip_rule_goes()
    {
        var (arm, id) = Seeded("Microsoft.EventHub/namespaces/eh1",
            """{"":{"sku":{"tier":"Standard"},"tags":{"astro-network:manual":"203.0.113.9"}},"/networkRuleSets/default":{"properties":{"defaultAction":"Deny","ipRules":[{"ipMask":"203.0.113.9","action":"Allow"}],"virtualNetworkRules":[{"subnet":{"id":"s"}}]}}}""");

        var change = await Run(arm, id, AllowlistOperation.Remove, new[] { "203.0.113.9" });

        Assert.Equal((true, EffectiveAccess.Restricted), (change.Changed, change.EffectiveAccess));
    }

    [Fact]
    public async Task WhatIf_with_force_on_an_open_resource_plans_the_lock_out_without_writing()
    {
        var (arm, id) = Seeded("Microsoft.DocumentDB/databaseAccounts/db1", """{"":{"properties":{"publicNetworkAccess":"Enabled","ipRules":[]}}}""");

        var plan = await Run(arm, id, AllowlistOperation.Add, new[] { "203.0.113.9" }, whatIf: true, force: true);

        Assert.Equal((EffectiveAccess.Open, EffectiveAccess.Restricted), (plan.EffectiveAccessBefore, plan.EffectiveAccess));
        Assert.Contains(plan.Warnings, w => w.Contains("locked out"));
        Assert.Empty(arm.Writes);
    }

    private static (FakeArmClient, string) Seeded(string resource, string documents)
    {
        var arm = new FakeArmClient();
        var id = Id(resource);
        foreach (var (suffix, body) in JsonNode.Parse(documents)!.AsObject())
        {
            arm.Seed(id + suffix, (JsonObject)body!.DeepClone());
        }

        return (arm, id);
    }
}

using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Xunit;

namespace Astro.Network.Tests.Allowlist;

public class AllowlistRulesTests
{
    private static IFirewallAdapter Adapter(string type) => FirewallAdapters.For(type);

    private static string RejectionId(string type, string ip)
    {
        var adapter = Adapter(type);
        var ex = Assert.Throws<AstroNetworkException>(() => AllowlistRules.ParseAndValidate(new[] { ip }, Array.Empty<string>(), adapter.ResourceType, adapter.Capabilities));
        Assert.Equal(FailureKind.InvalidArgument, ex.Kind);
        return ex.ErrorId;
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts", "10.0.0.1", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.Storage/storageAccounts", "192.168.10.0/24", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.Storage/storageAccounts", "203.0.113.6/31", "PrefixNotSupported")]
    [InlineData("Microsoft.Storage/storageAccounts", "2001:db8::1", "IPv6NotSupported")]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "100.64.1.1", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "172.16.0.0/12", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.Sql/servers", "2001:db8::1", "IPv6NotSupported")]
    // Firewalls that see Astro's public egress: a private or CGNAT entry never matches (issue 11).
    [InlineData("Microsoft.Sql/servers", "10.1.2.3", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.DBforPostgreSQL/flexibleServers", "192.168.0.0/16", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.DBforMySQL/flexibleServers", "172.16.5.4", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.KeyVault/vaults", "10.1.0.0/16", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.ContainerRegistry/registries", "100.64.0.1", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.EventHub/namespaces", "10.0.0.0/8", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.ServiceBus/namespaces", "192.168.1.1", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.DBforMySQL/flexibleServers", "2001:db8::1", "IPv6NotSupported")]
    [InlineData("Microsoft.Synapse/workspaces", "10.0.0.0/24", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.Cache/redis", "100.64.0.1", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.Cache/redis", "2001:db8::1", "IPv6NotSupported")]
    [InlineData("Microsoft.EventGrid/topics", "172.16.0.0/12", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.EventGrid/domains", "2001:db8::1", "IPv6NotSupported")]
    [InlineData("Microsoft.Search/searchServices", "192.168.0.1", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.Kusto/clusters", "100.64.0.1", "PrivateIpNotAllowed")]
    [InlineData("Microsoft.KeyVault/vaults", "127.0.0.1", "NonRoutableIpAddress")]
    [InlineData("Microsoft.Network/networkSecurityGroups", "169.254.169.254", "NonRoutableIpAddress")]
    [InlineData("Microsoft.Web/sites", "224.0.0.1", "NonRoutableIpAddress")]
    [InlineData("Microsoft.Web/sites", "0.0.0.0/0", "NonRoutableIpAddress")]
    public void Service_rules_reject_before_any_write(string type, string ip, string errorId)
    {
        Assert.Equal(errorId, RejectionId(type, ip));
    }

    [Theory]
    [InlineData("Microsoft.Storage/storageAccounts", "203.0.113.7/32", "203.0.113.7")]
    [InlineData("Microsoft.Storage/storageAccounts", "198.51.100.0/30", "198.51.100.0/30")]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "192.0.2.1", "192.0.2.1")]
    [InlineData("Microsoft.KeyVault/vaults", "198.51.100.0/24", "198.51.100.0/24")]
    // NSG, App Service and AKS rules can legitimately name private sources (VNet traffic), so they stay allowed.
    [InlineData("Microsoft.Network/networkSecurityGroups", "10.1.0.0/16", "10.1.0.0/16")]
    [InlineData("Microsoft.ContainerService/managedClusters", "10.1.0.0/16", "10.1.0.0/16")]
    [InlineData("Microsoft.Network/networkSecurityGroups", "2001:db8::/48", "2001:db8::/48")]
    [InlineData("Microsoft.Web/sites", "2001:db8::5", "2001:db8::5")]
    public void Documentation_and_allowed_ranges_pass(string type, string ip, string canonical)
    {
        var adapter = Adapter(type);
        var ranges = AllowlistRules.ParseAndValidate(new[] { ip }, Array.Empty<string>(), adapter.ResourceType, adapter.Capabilities);
        Assert.Equal(canonical, Assert.Single(ranges).Range.ToString());
    }

    [Fact]
    public void Duplicates_in_input_collapse_in_first_seen_order()
    {
        var adapter = Adapter("Microsoft.Sql/servers");
        var ranges = AllowlistRules.ParseAndValidate(new[] { "203.0.113.9", "198.51.100.1", "203.0.113.9/32" }, Array.Empty<string>(), adapter.ResourceType, adapter.Capabilities);
        Assert.Equal(new[] { "203.0.113.9", "198.51.100.1" }, ranges.Select(r => r.Range.ToString()));
    }
}

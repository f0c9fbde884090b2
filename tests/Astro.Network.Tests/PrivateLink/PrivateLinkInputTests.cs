using Astro.Network.Engine;
using Xunit;

namespace Astro.Network.Tests.PrivateLink;

/// <summary>Input checks that need no service: resource IDs, supported types and their group IDs.</summary>
public sealed class PrivateLinkInputTests
{
    private const string Rg = "/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg/providers/";

    [Fact]
    public void Every_supported_type_is_accepted_in_any_casing()
    {
        Assert.Equal(9, PrivateLinkEngine.SupportedResourceTypes.Count);
        foreach (var type in PrivateLinkEngine.SupportedResourceTypes)
        {
            var id = Rg + type.ToLowerInvariant() + "/res1/";
            Assert.Equal(id.TrimEnd('/'), PrivateLinkEngine.NormalizeResourceId(id));
        }
    }

    [Fact]
    public void PostgreSql_flexible_servers_are_refused_with_the_reason()
    {
        var ex = Assert.Throws<AstroNetworkException>(() =>
            PrivateLinkEngine.NormalizeResourceId(Rg + "Microsoft.DBforPostgreSQL/flexibleServers/pg1"));

        Assert.Equal(("UnsupportedResourceType", FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
        Assert.Contains("2022-12-01", ex.Message);
        Assert.Contains("no privateEndpointConnections operations", ex.Message);
    }

    [Fact]
    public void Other_types_are_refused_listing_the_supported_ones()
    {
        var ex = Assert.Throws<AstroNetworkException>(() =>
            PrivateLinkEngine.NormalizeResourceId(Rg + "Microsoft.Network/networkSecurityGroups/nsg1"));

        Assert.Equal("UnsupportedResourceType", ex.ErrorId);
        Assert.Contains("Microsoft.KeyVault/vaults", ex.Message);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData(Rg + "Microsoft.Storage/storageAccounts/st1/privateEndpointConnections/pe1")]
    [InlineData("/subscriptions/nope/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1")]
    public void Malformed_ids_are_refused(string id)
    {
        var ex = Assert.Throws<AstroNetworkException>(() => PrivateLinkEngine.NormalizeResourceId(id));

        Assert.Equal(("InvalidResourceId", FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
    }

    [Theory]
    [InlineData("Microsoft.KeyVault/vaults", "vault")]
    [InlineData("Microsoft.Web/sites", "sites")]
    [InlineData("Microsoft.ServiceBus/namespaces", "namespace")]
    [InlineData("Microsoft.DocumentDB/databaseAccounts", "Sql,MongoDB,Cassandra,Gremlin,Table,Analytical,SqlDedicated")]
    public void Group_ids_per_type(string type, string groupIds)
    {
        Assert.Equal(groupIds.Split(','), PrivateLinkEngine.GroupIdsFor(type));
    }
}

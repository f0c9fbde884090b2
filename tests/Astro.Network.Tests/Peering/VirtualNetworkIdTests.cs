using Astro.Network.Engine;
using Xunit;

namespace Astro.Network.Tests.Peering;

public sealed class VirtualNetworkIdTests
{
    private const string Canonical = "/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg-Network/providers/Microsoft.Network/virtualNetworks/Vnet-Hub";

    [Theory]
    [InlineData("/SUBSCRIPTIONS/7D3A1F42-5B8C-4E19-9F2D-1C6E8A4B0D57/RESOURCEGROUPS/rg-Network/PROVIDERS/microsoft.network/VIRTUALNETWORKS/Vnet-Hub")]
    [InlineData(" /subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourcegroups/rg-Network/providers/Microsoft.Network/virtualnetworks/Vnet-Hub/ ")]
    public void Any_casing_in_gives_the_canonical_id_with_names_kept(string input)
    {
        Assert.Equal(Canonical, PeeringEngine.NormalizeVirtualNetworkId(input));
    }

    [Theory]
    [InlineData("vnet-hub")]
    [InlineData("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v")]
    [InlineData("")]
    public void Malformed_ids_are_invalid_resource_ids(string input)
    {
        var ex = Assert.Throws<AstroNetworkException>(() => PeeringEngine.NormalizeVirtualNetworkId(input));

        Assert.Equal(("InvalidResourceId", FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
    }

    [Theory]
    [InlineData("/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st1", "Microsoft.Storage/storageAccounts")]
    [InlineData("/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/default", "Microsoft.Network/virtualNetworks/subnets")]
    [InlineData("/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg", "Microsoft.Resources/resourceGroups")]
    public void Ids_of_another_type_name_the_type_they_are(string input, string type)
    {
        var ex = Assert.Throws<AstroNetworkException>(() => PeeringEngine.NormalizeVirtualNetworkId(input));

        Assert.Equal(("WrongResourceType", FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
        Assert.Contains(type, ex.Message);
    }

    [Fact]
    public void Scope_ids_follow_the_requested_order()
    {
        var scopes = PeeringEngine.ScopeIds(Canonical.ToLowerInvariant(), new[] { PeeringScope.Subscription, PeeringScope.VirtualNetwork, PeeringScope.ResourceGroup });

        Assert.Equal(new[]
        {
            (PeeringScope.Subscription, "/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57"),
            (PeeringScope.VirtualNetwork, "/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub"),
            (PeeringScope.ResourceGroup, "/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg-network"),
        }, scopes.Select(s => (s.Key, s.Value)));
    }
}

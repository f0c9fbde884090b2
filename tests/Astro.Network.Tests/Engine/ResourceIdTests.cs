using Astro.Network.Engine;
using Astro.Network.Engine.Rest;
using Xunit;

namespace Astro.Network.Tests.Engine;

public sealed class ResourceIdTests
{
    [Fact]
    public void Parses_a_child_resource_id()
    {
        var id = ResourceId.Parse("/subscriptions/6f1c2d3e-0000-4000-8000-000000000001/resourceGroups/rg-1/providers/Microsoft.Sql/servers/sql1/firewallRules/astro-1-2-3-4");

        Assert.Equal(("6f1c2d3e-0000-4000-8000-000000000001", "rg-1", "Microsoft.Sql/servers/firewallRules", "astro-1-2-3-4"), (id.SubscriptionId, id.ResourceGroupName, id.ResourceType, id.Name));
        Assert.Equal("/subscriptions/6f1c2d3e-0000-4000-8000-000000000001/resourceGroups/rg-1/providers/Microsoft.Sql/servers/sql1", id.Parent!.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-id")]
    [InlineData("/subscriptions/not-a-guid/resourceGroups/rg")]
    [InlineData("subscriptions/0000/resourceGroups/rg")]
    [InlineData("/subscriptions/6f1c2d3e-0000-4000-8000-000000000001/resourceGroups//providers/Microsoft.Storage/storageAccounts/x")]
    [InlineData("/subscriptions/6f1c2d3e-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x?api-version=1")]
    public void Rejects_malformed_ids_with_a_stable_error(string input)
    {
        var ex = Assert.Throws<AstroNetworkException>(() => ResourceId.Parse(input));

        Assert.Equal(("InvalidResourceId", FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
        Assert.Equal(input, ex.Target);
    }

    [Fact]
    public void RequireType_rejects_another_type()
    {
        var id = ResourceId.Parse("/subscriptions/6f1c2d3e-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x");

        Assert.Same(id, id.RequireType("microsoft.storage/STORAGEACCOUNTS"));
        Assert.Equal("InvalidResourceId", Assert.Throws<AstroNetworkException>(() => id.RequireType("Microsoft.KeyVault/vaults")).ErrorId);
    }
}

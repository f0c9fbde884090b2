using Astro.Network.Engine;
using Astro.Network.Engine.Rbac;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Rbac;

/// <summary>The module's custom role: create, no-op when equal, update when it differs, delete.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class RoleDefinitionTests : RbacEmulatorTestBase
{
    private const string RoleName = "Astro VNET Peering Contributor (test)";
    private const string Description = "Lets Astronomer peer its cluster network with this subscription's virtual networks.";

    private static readonly string[] Actions =
    {
        "Microsoft.Network/virtualNetworks/read",
        "Microsoft.Network/virtualNetworks/peer/action",
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings/write",
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings/read",
    };

    private static readonly string NewGuid = Guid.NewGuid().ToString("D");

    private static bool Owned(RoleDefinitionInfo role) => true;

    public RoleDefinitionTests(EmulatorFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Creates_then_leaves_an_equal_role_alone()
    {
        var rbac = new RbacClient(await ConnectAsync());

        var (created, changed) = await rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Description, Actions, NewGuid, Owned, CancellationToken.None);
        await ClearRequestsAsync();
        var (same, changedAgain) = await rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Description, Actions.Reverse().ToList(), NewGuid, Owned, CancellationToken.None);
        var found = await rbac.FindRoleDefinitionByNameAsync(SubscriptionScope, RoleName, CancellationToken.None);

        Assert.True(changed);
        Assert.False(changedAgain);
        Assert.Empty(await WritesAsync());
        Assert.True(created.IsCustom);
        Assert.Equal(Actions.OrderBy(a => a), created.Actions.OrderBy(a => a));
        Assert.Equal(new[] { SubscriptionScope }, created.AssignableScopes, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(created.Guid, same.Guid);
        Assert.Equal(created.Guid, found!.Guid);
    }

    [Fact]
    public async Task Updates_the_same_role_when_its_actions_differ()
    {
        var rbac = new RbacClient(await ConnectAsync());
        var (created, _) = await rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Description, Actions.Take(3).ToList(), NewGuid, Owned, CancellationToken.None);

        var (updated, changed) = await rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Description, Actions, NewGuid, Owned, CancellationToken.None);
        var reread = await rbac.GetRoleDefinitionAsync(updated.Id, CancellationToken.None);

        Assert.True(changed);
        Assert.Equal(created.Guid, updated.Guid);
        Assert.Equal(Actions.OrderBy(a => a), reread!.Actions.OrderBy(a => a));
        Assert.Single((await SettledRequestsAsync()).Where(r => r.IsWrite).Select(r => r.Url.Split('?')[0]).Distinct());
    }

    [Fact]
    public async Task A_role_the_caller_does_not_own_is_used_as_it_is_when_it_covers_the_actions_and_never_written()
    {
        var rbac = new RbacClient(await ConnectAsync());
        var (handMade, _) = await rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, "Made by hand, as Astronomer's page shows.",
            Actions.Append("Microsoft.Resources/subscriptions/read").ToList(), NewGuid, Owned, CancellationToken.None);
        await ClearRequestsAsync();

        var (used, changed) = await rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Description, Actions, Guid.NewGuid().ToString("D"), _ => false, CancellationToken.None);
        var error = await Assert.ThrowsAsync<AstroNetworkException>(() => rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Description,
            Actions.Append("Microsoft.Network/virtualHubs/read").ToList(), Guid.NewGuid().ToString("D"), _ => false, CancellationToken.None));

        Assert.False(changed);
        Assert.Equal(handMade.Guid, used.Guid);
        Assert.Equal("Made by hand, as Astronomer's page shows.", used.Description);
        Assert.Equal("CustomRoleLacksActions", error.ErrorId);
        Assert.Contains("Microsoft.Network/virtualHubs/read", error.Message);
        Assert.Empty(await WritesAsync());
    }

    [Fact]
    public async Task A_new_role_gets_the_id_it_is_given()
    {
        var rbac = new RbacClient(await ConnectAsync());
        var id = NameBasedGuid.Create("tenant/" + RoleName).ToString("D");

        var (created, _) = await rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Description, Actions, id, Owned, CancellationToken.None);

        Assert.Equal(id, created.Guid, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(id, NameBasedGuid.Create("tenant/" + RoleName).ToString("D"));
        Assert.NotEqual(id, NameBasedGuid.Create("other-tenant/" + RoleName).ToString("D"));
    }

    [Fact]
    public async Task Delete_reports_whether_the_role_existed()
    {
        var rbac = new RbacClient(await ConnectAsync());
        var (created, _) = await rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Description, Actions, NewGuid, Owned, CancellationToken.None);

        var first = await rbac.DeleteRoleDefinitionAsync(created.Id, CancellationToken.None);
        var second = await rbac.DeleteRoleDefinitionAsync(created.Id, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Null(await rbac.FindRoleDefinitionByNameAsync(SubscriptionScope, RoleName, CancellationToken.None));
    }

    [Fact]
    public async Task Finds_built_in_roles_by_name_and_will_not_shadow_them()
    {
        var rbac = new RbacClient(await ConnectAsync());

        var builtIn = await rbac.FindRoleDefinitionByNameAsync(SubscriptionScope, "Network Contributor", CancellationToken.None);
        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            rbac.EnsureCustomRoleAsync(SubscriptionId, "Network Contributor", Description, Actions, NewGuid, Owned, CancellationToken.None));

        Assert.Equal("4d97b98b-1d4f-4787-a291-c67834d212e7", builtIn!.Guid);
        Assert.False(builtIn.IsCustom);
        Assert.Equal("RoleNameTaken", error.ErrorId);
        Assert.Empty(await WritesAsync());
    }
}

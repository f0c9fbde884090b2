using System.Text.Json.Nodes;
using Astro.Network.Emulator.State;
using Astro.Network.Engine;
using Astro.Network.Engine.Rbac;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Rbac;

/// <summary>
/// Role names are unique per tenant, but a custom role is listed only where it is assignable: a role of the name that
/// lives in the tenant's other subscription is found there and reused, widened to this subscription only when owned.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class RoleInOtherSubscriptionTests : RbacEmulatorTestBase
{
    private const string RoleName = "Astro VNET Peering Contributor (test)";
    private const string Mine = "Made by Astro.Network (test).";
    private const string DevScope = "/subscriptions/" + EmulatorFixture.SecondSubscriptionId;
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";
    private static readonly string[] Actions = { "Microsoft.Network/virtualNetworks/read", "Microsoft.Network/virtualNetworks/peer/action" };

    public RoleInOtherSubscriptionTests(EmulatorFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task An_owned_role_in_the_other_subscription_is_found_and_widened_to_this_one_under_its_own_id()
    {
        var guid = SeedDevRole(Mine);
        // Updating a role needs roleDefinitions/write at every assignable scope (the dev subscription too).
        SeedCiAppRole(DevScope, UserAccessAdministrator);
        var rbac = new RbacClient(await ConnectAsync());

        var (role, changed) = await rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Mine, Actions, Guid.NewGuid().ToString("D"), r => r.Description == Mine, CancellationToken.None);

        Assert.True(changed);
        Assert.Equal(guid, role.Guid, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new[] { DevScope, SubscriptionScope }, role.AssignableScopes, StringComparer.OrdinalIgnoreCase);
        Assert.Single(Fixture.Host.State.Resources.List("", "Microsoft.Authorization/roleDefinitions"));

        // Revoking here takes this subscription off its scopes and keeps the role for the other one.
        Assert.True(await rbac.RemoveAssignableScopeAsync(role, SubscriptionScope, CancellationToken.None));
        var (after, assignableHere) = await rbac.FindRoleDefinitionInTenantAsync(SubscriptionId, RoleName, CancellationToken.None);
        Assert.False(assignableHere);
        Assert.Equal(new[] { DevScope }, after!.AssignableScopes, StringComparer.OrdinalIgnoreCase);
        Assert.False(await rbac.RemoveAssignableScopeAsync(after, DevScope, CancellationToken.None));
    }

    [Fact]
    public async Task A_role_made_by_hand_in_the_other_subscription_is_never_widened_and_the_error_says_what_to_do()
    {
        SeedDevRole("Made by hand, as Astronomer's page shows.");
        SeedCiAppRole(DevScope, UserAccessAdministrator);
        var rbac = new RbacClient(await ConnectAsync());

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Mine, Actions, Guid.NewGuid().ToString("D"), r => r.Description == Mine, CancellationToken.None));

        Assert.Equal("CustomRoleNotAssignable", error.ErrorId);
        Assert.Contains(DevScope, error.Message);
        Assert.Contains(SubscriptionScope, error.RecommendedAction);
        Assert.Empty(await WritesAsync());
    }

    [Fact]
    public async Task Without_write_on_the_other_subscription_the_owned_role_is_not_changed()
    {
        var guid = SeedDevRole(Mine);
        var rbac = new RbacClient(await ConnectAsync());

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            rbac.EnsureCustomRoleAsync(SubscriptionId, RoleName, Mine, Actions, Guid.NewGuid().ToString("D"), r => r.Description == Mine, CancellationToken.None));

        Assert.Equal(403, error.Status);
        var (role, _) = await rbac.FindRoleDefinitionInTenantAsync(SubscriptionId, RoleName, CancellationToken.None);
        Assert.Equal(guid, role!.Guid, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new[] { DevScope }, role.AssignableScopes, StringComparer.OrdinalIgnoreCase);
    }

    private string SeedDevRole(string description)
    {
        var guid = Guid.NewGuid().ToString("D");
        Fixture.Host.State.PutSeed(new SeedResource
        {
            Id = "/providers/Microsoft.Authorization/roleDefinitions/" + guid,
            Body = JsonNode.Parse($$$"""
                {"name":"{{{guid}}}","properties":{"roleName":"{{{RoleName}}}","type":"CustomRole","description":"{{{description}}}",
                 "permissions":[{"actions":["Microsoft.Network/virtualNetworks/read","Microsoft.Network/virtualNetworks/peer/action"],"notActions":[],"dataActions":[],"notDataActions":[]}],
                 "assignableScopes":["{{{DevScope}}}"]}}
                """)!.AsObject(),
        });
        return guid;
    }

    private void SeedCiAppRole(string scope, string roleGuid) =>
        Fixture.Host.State.PutSeed(new SeedResource
        {
            Id = $"{scope}/providers/Microsoft.Authorization/roleAssignments/{Guid.NewGuid():D}",
            Body = JsonNode.Parse($$$"""
                {"properties":{"roleDefinitionId":"{{{scope}}}/providers/Microsoft.Authorization/roleDefinitions/{{{roleGuid}}}",
                 "principalId":"{{{AppObjectId(CiApp)}}}","principalType":"ServicePrincipal"}}
                """)!.AsObject(),
        });
}

using Astro.Network.Engine;
using Astro.Network.Engine.Peering;
using Astro.Network.Engine.Rbac;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.Peering;

/// <summary>Grant and revoke Astronomer's peering roles: idempotent, exact, and planning without writes.</summary>
public sealed class PeeringRoleTests(EmulatorFixture fixture) : PeeringTestBase(fixture)
{
    private const string ReaderRoleId = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    private const string DecoyAssignmentName = "5eed0001-0000-4000-8000-000000000006";

    private string HubId => VnetId(fixture, "vnet-hub");

    private string DecoyId => HubId + "/providers/Microsoft.Authorization/roleAssignments/" + DecoyAssignmentName;

    private bool Exists(string id) => fixture.Host.State.Resources.Get(id) != null;

    private int AllWrites => fixture.Host.Requests.Count(r => r.IsWrite);

    [Fact]
    public async Task Grant_creates_the_principal_and_three_assignments_then_a_second_grant_writes_nothing()
    {
        var context = await ConnectAsync(fixture, log);
        var roles = new PeeringRoles(context);
        var request = new PeeringGrantRequest { VirtualNetworkId = HubId, ClusterId = ClusterId("azure-dedicated") };

        var first = await roles.GrantAsync(request, CancellationToken.None);
        await ClearRequestsAsync(fixture);
        var second = await roles.GrantAsync(request, CancellationToken.None);

        Assert.Equal(new[] { "VirtualNetwork", "ResourceGroup", "Subscription" }, first.Select(g => g.ScopeName));
        Assert.All(first, g => Assert.Equal(("Created", true, false, "Network Contributor"), (g.Status, g.Changed, g.WhatIf, g.RoleName)));
        Assert.All(first, g => Assert.EndsWith("/roleDefinitions/" + PeeringEngine.NetworkContributorRoleId, g.RoleDefinitionId));
        Assert.All(first, g => Assert.True(Exists(g.AssignmentId!)));
        Assert.Single(first.Select(g => g.PrincipalId).Distinct());
        Assert.Equal(0, AllWrites);
        Assert.All(second, g => Assert.Equal(("AlreadyExisted", false), (g.Status, g.Changed)));
        Assert.Equal(first.Select(g => g.AssignmentId), second.Select(g => g.AssignmentId));
        Assert.DoesNotContain(fixture.Host.Requests, r => r.Url.Contains("/roleDefinitions", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain((string)EmulatorScenario.App["secret"]!, log.All);
    }

    [Fact]
    public async Task Revoke_removes_only_the_granted_role_of_astronomer_and_is_idempotent()
    {
        var context = await ConnectAsync(fixture, log);
        var roles = new PeeringRoles(context);
        var granted = await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId }, CancellationToken.None);
        var principal = granted[0].PrincipalId!;
        var (reader, _) = await context.Rbac.EnsureAssignmentAsync(HubId, RbacClient.BuiltInRoleDefinitionId(EmulatorFixture.SubscriptionId, ReaderRoleId),
            principal, "ServicePrincipal", "Astronomer's unrelated role", CancellationToken.None);

        var revoked = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId }, CancellationToken.None);
        await ClearRequestsAsync(fixture);
        var again = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId }, CancellationToken.None);

        Assert.All(revoked, r => Assert.Equal(("Removed", true), (r.Status, r.Changed)));
        Assert.Equal(granted.Select(g => g.AssignmentId), revoked.Select(r => Assert.Single(r.RemovedAssignmentIds)), StringComparer.OrdinalIgnoreCase);
        Assert.All(granted, g => Assert.False(Exists(g.AssignmentId!)));
        Assert.True(Exists(reader.Id), "Astronomer's Reader assignment was removed");
        Assert.True(Exists(DecoyId), "another principal's Network Contributor assignment was removed");
        Assert.All(again, r => Assert.Equal(("NotPresent", false), (r.Status, r.Changed)));
        Assert.Equal(0, AllWrites);
    }

    [Fact]
    public async Task Plan_only_grant_and_revoke_write_nothing()
    {
        var context = await ConnectAsync(fixture, log);
        var roles = new PeeringRoles(context);
        var all = PeeringRoleSet.AllScopes.ToHashSet();

        var planned = await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId, PlanOnly = all }, CancellationToken.None);
        var plannedRevoke = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId, PlanOnly = all }, CancellationToken.None);
        Assert.Equal(0, AllWrites);
        await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId }, CancellationToken.None);
        await ClearRequestsAsync(fixture);
        var replanned = await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId, PlanOnly = all }, CancellationToken.None);
        var wouldRemove = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId, PlanOnly = all }, CancellationToken.None);

        Assert.Equal(0, AllWrites);
        Assert.All(planned, g => Assert.Equal(("WouldCreate", true, false), (g.Status, g.WhatIf, g.Changed)));
        Assert.All(plannedRevoke, r => Assert.Equal("NotPresent", r.Status));
        Assert.All(replanned, g => Assert.Equal(("AlreadyExisted", true), (g.Status, g.WhatIf)));
        Assert.All(wouldRemove, r => Assert.Equal(("WouldRemove", true, false), (r.Status, r.WhatIf, r.Changed)));
        Assert.All(wouldRemove, r => Assert.True(Exists(Assert.Single(r.RemovedAssignmentIds))));
    }

    [Fact]
    public async Task Custom_mode_assigns_only_the_custom_role_at_the_subscription_and_revoke_deletes_its_definition()
    {
        var context = await ConnectAsync(fixture, log);
        var roles = new PeeringRoles(context);

        var grant = Assert.Single(await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId, RoleMode = PeeringRoleMode.Custom }, CancellationToken.None));
        var definition = await context.Rbac.GetRoleDefinitionAsync(grant.RoleDefinitionId, CancellationToken.None);
        var revoked = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId }, CancellationToken.None);

        Assert.Equal(("Subscription", "/subscriptions/" + EmulatorFixture.SubscriptionId, PeeringEngine.CustomRoleName, "Created"),
            (grant.ScopeName, grant.ScopeId, grant.RoleName, grant.Status));
        Assert.Equal(PeeringRoleSet.CustomRoleActions.OrderBy(a => a), definition!.Actions.OrderBy(a => a));
        Assert.Equal(new[] { "/subscriptions/" + EmulatorFixture.SubscriptionId }, definition.AssignableScopes);
        Assert.StartsWith("Created by Astro.Network", definition.Description);
        var atSubscription = Assert.Single(revoked, r => r.ScopeName == "Subscription");
        Assert.Equal(("Removed", true), (atSubscription.Status, atSubscription.RoleDefinitionDeleted));
        Assert.Equal(new[] { PeeringEngine.CustomRoleName }, atSubscription.RoleNames);
        Assert.Null(await context.Rbac.GetRoleDefinitionAsync(grant.RoleDefinitionId, CancellationToken.None));
        Assert.True(Exists(DecoyId));
    }

    [Fact]
    public async Task Custom_role_definition_stays_while_another_assignment_uses_it()
    {
        var context = await ConnectAsync(fixture, log);
        var roles = new PeeringRoles(context);
        var grant = (await roles.GrantAsync(new PeeringGrantRequest
        {
            VirtualNetworkId = HubId, RoleMode = PeeringRoleMode.Custom, Scopes = new[] { PeeringScope.Subscription, PeeringScope.VirtualNetwork },
        }, CancellationToken.None)).ToList();

        var revoked = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId, Scopes = new[] { PeeringScope.Subscription } }, CancellationToken.None);

        Assert.Equal("Removed", Assert.Single(revoked).Status);
        Assert.False(revoked[0].RoleDefinitionDeleted);
        Assert.NotNull(await context.Rbac.GetRoleDefinitionAsync(grant[0].RoleDefinitionId, CancellationToken.None));
        Assert.True(Exists(grant.Single(g => g.ScopeName == "VirtualNetwork").AssignmentId!));
    }

    [Theory]
    [InlineData("vnet-overlap", "azure-dedicated", "AddressSpaceOverlap")]
    [InlineData("vnet-spoke", "azure-dedicated", "AddressSpaceOverlap")]
    [InlineData("vnet-hub", null, "StandardClusterCannotPeer")]
    public async Task Grant_for_a_cluster_that_cannot_peer_fails_before_any_write(string vnet, string? cluster, string errorId)
    {
        var context = await ConnectAsync(fixture, log);

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => new PeeringRoles(context).GrantAsync(
            new PeeringGrantRequest { VirtualNetworkId = VnetId(fixture, vnet), ClusterId = cluster == null ? StandardClusterId : ClusterId(cluster) }, CancellationToken.None));

        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(0, AllWrites);
        if (errorId == "AddressSpaceOverlap")
        {
            Assert.Contains("172.20.0.0/19", ex.Message);
        }
    }

    [Fact]
    public async Task A_reader_gets_the_directory_permission_error_naming_what_is_needed()
    {
        var context = await ConnectAsync(fixture, log, ReadonlyApp);

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => new PeeringRoles(context).GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId }, CancellationToken.None));

        Assert.Equal(("GraphDirectoryPermissionRequired", FailureKind.PermissionDenied), (ex.ErrorId, ex.Kind));
        Assert.Contains("Application.ReadWrite.All", ex.Message);
        Assert.Equal(0, AllWrites);
    }
}

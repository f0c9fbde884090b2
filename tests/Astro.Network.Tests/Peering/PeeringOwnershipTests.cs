using Astro.Network.Engine;
using Astro.Network.Engine.Peering;
using Astro.Network.Engine.Rbac;
using Astro.Network.Tests.Emulator;
using Xunit;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.Peering;

/// <summary>Revoke deletes only what Grant made, and never an assignment another peering in progress still needs.</summary>
public sealed class PeeringOwnershipTests(EmulatorFixture fixture) : PeeringTestBase(fixture)
{
    private string HubId => VnetId(fixture, "vnet-hub");

    private string SpokeId => VnetId(fixture, "vnet-spoke");

    private bool Exists(string id) => fixture.Host.State.Resources.Get(id) != null;

    private int AllWrites => fixture.Host.Requests.Count(r => r.IsWrite);

    [Fact]
    public async Task An_assignment_that_existed_before_the_grant_is_kept_unless_asked_for()
    {
        var context = await ConnectAsync(fixture, log);
        var roles = new PeeringRoles(context);
        var principal = await context.Directory.EnsureServicePrincipalAsync(PeeringEngine.AstronomerAppId, CancellationToken.None);
        // As the seed's "az role assignment create" does: no description, made before the module ran.
        var (handMade, _) = await context.Rbac.EnsureAssignmentAsync(HubId,
            RbacClient.BuiltInRoleDefinitionId(EmulatorFixture.SubscriptionId, PeeringEngine.NetworkContributorRoleId),
            principal.ObjectId, "ServicePrincipal", null, CancellationToken.None);

        var granted = await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId }, CancellationToken.None);
        var revoked = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId }, CancellationToken.None);
        await ClearRequestsAsync(fixture);
        var again = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId }, CancellationToken.None);

        var atVnet = granted.Single(g => g.ScopeName == "VirtualNetwork");
        Assert.Equal(("AlreadyExisted", false, false, handMade.Id), (atVnet.Status, atVnet.Changed, atVnet.ManagedByModule, atVnet.AssignmentId));
        Assert.All(granted.Where(g => g != atVnet), g => Assert.Equal(("Created", true), (g.Status, g.ManagedByModule)));
        var keptAtVnet = revoked.Single(r => r.ScopeName == "VirtualNetwork");
        Assert.Equal(("Kept", false), (keptAtVnet.Status, keptAtVnet.Changed));
        Assert.Equal(handMade.Id, Assert.Single(keptAtVnet.KeptAssignmentIds));
        Assert.Contains("not created by Astro.Network", Assert.Single(keptAtVnet.KeptReasons));
        Assert.True(Exists(handMade.Id));
        Assert.All(revoked.Where(r => r != keptAtVnet), r => Assert.Equal("Removed", r.Status));
        Assert.Equal(0, AllWrites);
        Assert.Equal("Kept", again.Single(r => r.ScopeName == "VirtualNetwork").Status);

        var forced = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId, IncludeExisting = true }, CancellationToken.None);
        Assert.Equal(handMade.Id, Assert.Single(forced.Single(r => r.ScopeName == "VirtualNetwork").RemovedAssignmentIds));
        Assert.False(Exists(handMade.Id));
    }

    [Fact]
    public async Task Two_peerings_in_one_subscription_share_the_wider_assignments_until_the_last_is_revoked()
    {
        var context = await ConnectAsync(fixture, log);
        var roles = new PeeringRoles(context);

        var hub = await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId }, CancellationToken.None);
        var spoke = await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = SpokeId }, CancellationToken.None);
        await ClearRequestsAsync(fixture);
        var spokeAgain = await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = SpokeId }, CancellationToken.None);
        Assert.Equal(0, AllWrites);

        var hubRevoked = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId }, CancellationToken.None);

        // vnet-hub and vnet-spoke share rg-network and the subscription: one assignment each, recorded for both VNets.
        Assert.Equal(hub.Where(g => g.ScopeName != "VirtualNetwork").Select(g => g.AssignmentId),
            spoke.Where(g => g.ScopeName != "VirtualNetwork").Select(g => g.AssignmentId));
        Assert.All(spoke.Where(g => g.ScopeName != "VirtualNetwork"), g => Assert.Equal(("AlreadyExisted", true, true), (g.Status, g.Changed, g.ManagedByModule)));
        Assert.All(spokeAgain, g => Assert.False(g.Changed));
        Assert.Equal("Removed", hubRevoked.Single(r => r.ScopeName == "VirtualNetwork").Status);
        foreach (var shared in hubRevoked.Where(r => r.ScopeName != "VirtualNetwork"))
        {
            Assert.Equal("Kept", shared.Status);
            Assert.Contains(SpokeId, Assert.Single(shared.KeptReasons), StringComparison.OrdinalIgnoreCase);
            Assert.True(Exists(Assert.Single(shared.KeptAssignmentIds)));
        }

        var spokeRevoked = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = SpokeId }, CancellationToken.None);
        Assert.All(spokeRevoked, r => Assert.Equal("Removed", r.Status));
        Assert.All(hub.Concat(spoke), g => Assert.False(Exists(g.AssignmentId!)));
    }

    [Fact]
    public async Task A_hand_made_custom_role_is_used_and_never_rewritten_or_deleted()
    {
        var context = await ConnectAsync(fixture, log);
        var roles = new PeeringRoles(context);
        // Made by hand from Astronomer's page (its own description), with every action the module needs.
        const string description = "Allows Astronomer to peer Astro's VNET with this subscription's VNETs.";
        var (handMade, _) = await context.Rbac.EnsureCustomRoleAsync(EmulatorFixture.SubscriptionId, PeeringEngine.CustomRoleName, description,
            PeeringRoleSet.CustomRoleActions, Guid.NewGuid().ToString("D"), _ => true, CancellationToken.None);
        await ClearRequestsAsync(fixture);

        var grant = Assert.Single(await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId, RoleMode = PeeringRoleMode.Custom }, CancellationToken.None));
        var revoked = await roles.RevokeAsync(new PeeringRevokeRequest { VirtualNetworkId = HubId }, CancellationToken.None);
        var after = await context.Rbac.GetRoleDefinitionAsync(handMade.Id, CancellationToken.None);

        Assert.Equal(handMade.Guid, RbacIds.LastSegment(grant.RoleDefinitionId), StringComparer.OrdinalIgnoreCase);
        Assert.False(revoked.Single(r => r.ScopeName == "Subscription").RoleDefinitionDeleted);
        Assert.Equal(description, after!.Description);
        Assert.DoesNotContain(fixture.Host.Requests, r => r.IsWrite && r.Url.Contains("/roleDefinitions/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_grant_rerun_after_a_failure_halfway_makes_no_second_custom_role()
    {
        var context = await ConnectAsync(fixture, log);
        var roles = new PeeringRoles(context);
        var first = Assert.Single(await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId, RoleMode = PeeringRoleMode.Custom }, CancellationToken.None));
        // Simulates the failure: the assignment never landed, the role did.
        await context.Rbac.DeleteAssignmentAsync(first.AssignmentId!, CancellationToken.None);

        var second = Assert.Single(await roles.GrantAsync(new PeeringGrantRequest { VirtualNetworkId = HubId, RoleMode = PeeringRoleMode.Custom }, CancellationToken.None));
        var definitions = fixture.Host.State.Resources.All().Count(r => r.Id.Contains("/roleDefinitions/", StringComparison.OrdinalIgnoreCase)
            && ((string?)r.Body["properties"]?["roleName"]) == PeeringEngine.CustomRoleName);

        Assert.Equal(first.RoleDefinitionId, second.RoleDefinitionId, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(1, definitions);
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Faults;
using Astro.Network.Engine;
using Astro.Network.Engine.Rbac;
using Astro.Network.Engine.Rest;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;

namespace Astro.Network.Tests.Rbac;

/// <summary>Idempotent role assignments against the emulator's Authorization provider.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class RoleAssignmentTests : RbacEmulatorTestBase
{
    private const string NetworkContributor = "4d97b98b-1d4f-4787-a291-c67834d212e7";

    public RoleAssignmentTests(EmulatorFixture fixture)
        : base(fixture)
    {
    }

    private string Role => RbacClient.BuiltInRoleDefinitionId(SubscriptionId, NetworkContributor);

    /// <summary>A principal the scenario gives no role (the user-assigned identity).</summary>
    private string Principal => Fixture.Host.State.ManagedIdentity!.UserAssigned.First().PrincipalId;

    [Fact]
    public async Task Creates_once_then_reports_the_existing_assignment_without_writing()
    {
        var rbac = new RbacClient(await ConnectAsync());
        var principal = Principal;

        var (created, first) = await rbac.EnsureAssignmentAsync(VirtualNetworkId, Role, principal, "ServicePrincipal", "peering", CancellationToken.None);
        await ClearRequestsAsync();
        var (existing, second) = await rbac.EnsureAssignmentAsync(VirtualNetworkId, Role, principal, "ServicePrincipal", "peering", CancellationToken.None);

        Assert.Equal((AssignmentOutcome.Created, AssignmentOutcome.AlreadyExisted), (first, second));
        Assert.Equal(created.Id, existing.Id, StringComparer.OrdinalIgnoreCase);
        Assert.Equal((NetworkContributor, principal, "ServicePrincipal"), (created.RoleDefinitionGuid, created.PrincipalId, created.PrincipalType));
        Assert.True(created.IsAtScope(VirtualNetworkId));
        Assert.Empty(await WritesAsync());
    }

    [Fact]
    public async Task A_seeded_assignment_is_recognised_by_role_guid_whatever_the_id_casing()
    {
        var rbac = new RbacClient(await ConnectAsync());
        var decoy = AppObjectId(ReadOnlyApp);
        var tenantFormRole = "/providers/Microsoft.Authorization/roleDefinitions/" + NetworkContributor.ToUpperInvariant();

        var (existing, outcome) = await rbac.EnsureAssignmentAsync(VirtualNetworkId.ToLowerInvariant(), tenantFormRole, decoy, "ServicePrincipal", null, CancellationToken.None);

        Assert.Equal(AssignmentOutcome.AlreadyExisted, outcome);
        Assert.Equal(decoy, existing.PrincipalId);
        Assert.Empty(await WritesAsync());
    }

    [Fact]
    public async Task Lists_at_a_scope_keep_only_that_scope_for_a_principal()
    {
        var rbac = new RbacClient(await ConnectAsync());
        var principal = Principal;
        var (atVnet, _) = await rbac.EnsureAssignmentAsync(VirtualNetworkId, Role, principal, "ServicePrincipal", null, CancellationToken.None);

        var atGroup = await rbac.ListForPrincipalAtScopeAsync(ResourceGroupScope, principal, CancellationToken.None);
        var atVnetOnly = await rbac.ListForPrincipalAtScopeAsync(VirtualNetworkId.ToUpperInvariant(), principal, CancellationToken.None);
        var everything = await rbac.ListAtScopeAsync(ResourceGroupScope, CancellationToken.None);

        Assert.DoesNotContain(atGroup, a => a.Id.Equals(atVnet.Id, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(new[] { atVnet.Id }, atVnetOnly.Select(a => a.Id), StringComparer.OrdinalIgnoreCase);
        Assert.Contains(everything, a => a.Id.Equals(atVnet.Id, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_conflict_under_another_name_counts_as_already_granted()
    {
        var rbac = new RbacClient(await ConnectAsync());
        var principal = Principal;
        var (original, _) = await rbac.EnsureAssignmentAsync(VirtualNetworkId, Role, principal, "ServicePrincipal", null, CancellationToken.None);
        // The look-up races with another writer: it answers an empty list once.
        Fixture.Host.Faults.Add(new FaultRule
        {
            Service = "arm", Method = "GET", PathContains = "roleAssignments?", Status = 200, Body = new JsonObject { ["value"] = new JsonArray() }, Count = 1,
        });
        await ClearRequestsAsync();

        var (found, outcome) = await rbac.EnsureAssignmentAsync(VirtualNetworkId, Role, principal, "ServicePrincipal", null, CancellationToken.None);

        Assert.Equal(AssignmentOutcome.AlreadyExisted, outcome);
        Assert.Equal(original.Id, found.Id, StringComparer.OrdinalIgnoreCase);
        Assert.Equal(new[] { 409 }, (await SettledRequestsAsync()).Where(r => r.IsWrite).Select(r => r.Status));
    }

    [Fact]
    public async Task Principal_not_found_during_replication_is_retried_until_arm_sees_it()
    {
        var settings = FastSettings.Create();
        settings.PrincipalReplicationRetryDelays = Enumerable.Repeat(TimeSpan.FromMilliseconds(250), 20).ToArray();
        var context = await ConnectAsync(CiApp, settings);
        var principal = await new DirectoryClient(context.Graph).EnsureServicePrincipalAsync(AstronomerAppId, CancellationToken.None);

        var (assignment, outcome) = await new RbacClient(context).EnsureAssignmentAsync(
            VirtualNetworkId, Role, principal.ObjectId, "ServicePrincipal", null, CancellationToken.None);

        Assert.Equal(AssignmentOutcome.Created, outcome);
        Assert.Equal(principal.ObjectId, assignment.PrincipalId);
        var puts = (await SettledRequestsAsync()).Where(r => r.Method == "PUT").ToList();
        Assert.True(principal.Created, "the principal must be new for ARM not to see it yet");
        Assert.Contains(puts, r => r.Status == 400);
        Assert.Single(puts.Select(r => r.Url.Split('?')[0]).Distinct());
        Assert.Contains(Log.Lines, l => l.Contains("replication delay"));
        Assert.DoesNotContain("eyJ", Log.All);
    }

    [Fact]
    public async Task Exhausted_replication_retries_say_so_and_advise_a_rerun()
    {
        var settings = FastSettings.Create();
        settings.PrincipalReplicationRetryDelays = new[] { TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(20) };
        var context = await ConnectAsync(CiApp, settings);
        var principal = await new DirectoryClient(context.Graph).EnsureServicePrincipalAsync(AstronomerAppId, CancellationToken.None);

        Assert.True(principal.Created, "the principal must be new for ARM not to see it yet");
        var error = await Assert.ThrowsAsync<AstroNetworkException>(() => new RbacClient(context).EnsureAssignmentAsync(
            VirtualNetworkId, Role, principal.ObjectId, "ServicePrincipal", null, CancellationToken.None));

        Assert.Equal(("PrincipalNotReplicated", FailureKind.OperationTimeout, "PrincipalNotFound"), (error.ErrorId, error.Kind, error.ServiceCode));
        Assert.Contains("replicat", error.Message);
        Assert.Contains("again", error.RecommendedAction);
        Assert.Equal(3, (await SettledRequestsAsync()).Count(r => r.Method == "PUT"));
    }

    [Fact]
    public async Task Delete_reports_whether_the_assignment_existed()
    {
        var rbac = new RbacClient(await ConnectAsync());
        var (assignment, _) = await rbac.EnsureAssignmentAsync(ResourceGroupScope, Role, Principal, "ServicePrincipal", null, CancellationToken.None);

        var first = await rbac.DeleteAssignmentAsync(assignment.Id, CancellationToken.None);
        var second = await rbac.DeleteAssignmentAsync(assignment.Id, CancellationToken.None);

        Assert.True(first);
        Assert.False(second);
        Assert.Empty(await rbac.ListForPrincipalAtScopeAsync(ResourceGroupScope, Principal, CancellationToken.None));
    }

    [Fact]
    public async Task A_caller_without_rights_gets_the_arm_authorization_error()
    {
        var rbac = new RbacClient(await ConnectAsync(ReadOnlyApp));

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() => rbac.EnsureAssignmentAsync(
            VirtualNetworkId, Role, Principal, "ServicePrincipal", null, CancellationToken.None));

        Assert.Equal(("AzurePermissionDenied", "AuthorizationFailed"), (error.ErrorId, error.ServiceCode));
        Assert.Contains("Microsoft.Authorization/roleAssignments/write", error.Message);
    }
}

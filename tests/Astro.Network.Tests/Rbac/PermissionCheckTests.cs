using Astro.Network.Engine;
using Astro.Network.Engine.Rbac;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Rbac;

/// <summary>May the caller write role assignments? The CI app is Owner, the read-only app Reader.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class PermissionCheckTests : RbacEmulatorTestBase
{
    public PermissionCheckTests(EmulatorFixture fixture)
        : base(fixture)
    {
    }

    private IEnumerable<string> Scopes => new[] { VirtualNetworkId, ResourceGroupScope, SubscriptionScope };

    [Fact]
    public async Task The_owner_may_write_at_every_scope()
    {
        var context = await ConnectAsync(CiApp);
        var rbac = new RbacClient(context);

        var results = new List<PermissionCheckResult>();
        foreach (var scope in Scopes)
        {
            results.Add(await rbac.CheckRoleAssignmentWriteAsync(scope, context.Connection.ObjectId, CancellationToken.None));
        }

        Assert.All(results, r => Assert.True(r.Allowed && r.Conclusive, r.ToString()));
        Assert.Equal(new[] { PermissionCheckResult.PermissionsApi, PermissionCheckResult.PermissionsApi, PermissionCheckResult.RoleAssignments },
            results.Select(r => r.Method));
        Assert.Contains("Owner", results[2].Detail);
        Assert.Empty(await WritesAsync());
    }

    [Fact]
    public async Task A_reader_may_not_write_at_any_scope()
    {
        var context = await ConnectAsync(ReadOnlyApp);
        var rbac = new RbacClient(context);

        var results = new List<PermissionCheckResult>();
        foreach (var scope in Scopes)
        {
            results.Add(await rbac.CheckRoleAssignmentWriteAsync(scope, context.Connection.ObjectId, CancellationToken.None));
        }

        Assert.All(results, r => Assert.False(r.Allowed, r.ToString()));
        Assert.All(results, r => Assert.True(r.Conclusive));
        Assert.All(results, r => Assert.Contains(RbacClient.RoleAssignmentWriteAction, r.Detail));
    }

    [Fact]
    public async Task Without_the_callers_object_id_the_subscription_check_is_inconclusive()
    {
        var rbac = new RbacClient(await ConnectAsync());

        var result = await rbac.CheckRoleAssignmentWriteAsync(SubscriptionScope, null, CancellationToken.None);

        Assert.False(result.Conclusive);
        Assert.Contains("object ID", result.Detail);
        Assert.DoesNotContain((await SettledRequestsAsync()), r => r.Service == "arm");
    }

    [Fact]
    public async Task A_scope_outside_a_subscription_is_refused()
    {
        var rbac = new RbacClient(await ConnectAsync());

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            rbac.CheckRoleAssignmentWriteAsync("/providers/Microsoft.Management/managementGroups/mg", null, CancellationToken.None));

        Assert.Equal(("InvalidScope", FailureKind.InvalidArgument), (error.ErrorId, error.Kind));
    }
}

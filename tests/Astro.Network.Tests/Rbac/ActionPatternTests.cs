using Astro.Network.Engine.Rbac;
using Xunit;

namespace Astro.Network.Tests.Rbac;

/// <summary>ARM action wildcards and the actions-minus-notActions rule used by the permission check.</summary>
public sealed class ActionPatternTests
{
    private const string Write = RbacClient.RoleAssignmentWriteAction;

    [Theory]
    [InlineData("*", Write, true)]
    [InlineData("Microsoft.Authorization/*", Write, true)]
    [InlineData("microsoft.authorization/roleassignments/WRITE", Write, true)]
    [InlineData("Microsoft.Authorization/*/write", Write, true)]
    [InlineData("*/write", Write, true)]
    [InlineData("Microsoft.Authorization/roleAssignments/*", Write, true)]
    [InlineData("Microsoft.Authorization/**", Write, true)]
    [InlineData("*/read", Write, false)]
    [InlineData("Microsoft.Authorization/*/read", Write, false)]
    [InlineData("Microsoft.Authorization/roleAssignments/writ", Write, false)]
    [InlineData("Microsoft.Authorization/roleAssignments/write/extra", Write, false)]
    [InlineData("Microsoft.Network/*", Write, false)]
    [InlineData("", Write, false)]
    public void Matches_like_arm(string pattern, string action, bool expected) =>
        Assert.Equal(expected, ActionPattern.Matches(pattern, action));

    [Fact]
    public void Owner_grants_role_assignment_writes()
    {
        var owner = new PermissionBlock(new[] { "*" }, new string[0]);

        Assert.True(RbacClient.Grants(new[] { owner }, Write));
    }

    [Fact]
    public void Contributor_is_denied_by_its_not_actions()
    {
        var contributor = new PermissionBlock(new[] { "*" },
            new[] { "Microsoft.Authorization/*/Delete", "Microsoft.Authorization/*/Write", "Microsoft.Authorization/elevateAccess/Action" });

        Assert.False(RbacClient.Grants(new[] { contributor }, Write));
        Assert.True(RbacClient.Grants(new[] { contributor }, "Microsoft.Network/virtualNetworks/write"));
    }

    [Fact]
    public void Reader_is_denied()
    {
        var reader = new PermissionBlock(new[] { "*/read" }, new string[0]);

        Assert.False(RbacClient.Grants(new[] { reader }, Write));
        Assert.True(RbacClient.Grants(new[] { reader }, "Microsoft.Network/virtualNetworks/read"));
    }

    [Fact]
    public void Not_actions_subtract_only_within_their_own_block()
    {
        var contributor = new PermissionBlock(new[] { "*" }, new[] { "Microsoft.Authorization/*/Write" });
        var userAccessAdministrator = new PermissionBlock(new[] { "*/read", "Microsoft.Authorization/*" }, new string[0]);

        Assert.True(RbacClient.Grants(new[] { contributor, userAccessAdministrator }, Write));
        Assert.False(RbacClient.Grants(new PermissionBlock[0], Write));
    }
}

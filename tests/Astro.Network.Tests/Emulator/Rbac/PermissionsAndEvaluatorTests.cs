using System.Net;
using Astro.Network.Emulator.Arm.Rbac;
using Xunit;

namespace Astro.Network.Tests.Emulator.Rbac;

public sealed class PermissionsAndEvaluatorTests(EmulatorFixture fx) : RbacTestBase(fx)
{
    [Fact]
    public async Task Permissions_list_the_callers_effective_blocks_at_a_resource_group_or_resource()
    {
        var owner = await ListAll($"{SubScope}/resourcegroups/rg-network{Auth}permissions{V}");
        Assert.Equal(["*"], owner.SelectMany(p => Strings(p["actions"])));

        var (atVnet, vnetBody) = await SendAs(ReadonlyApp, HttpMethod.Get, $"{SubScope}/resourcegroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub{Auth}permissions{V}");
        Assert.Equal(HttpStatusCode.OK, atVnet.StatusCode);
        var actions = vnetBody!["value"]!.AsArray().SelectMany(p => Strings(p!["actions"])).ToList();
        Assert.Contains("*/read", actions);
        Assert.Contains("Microsoft.Network/*", actions);
        Assert.All(vnetBody["value"]!.AsArray(), p => Assert.NotNull(p!["notDataActions"]));

        var (_, dataBody) = await SendAs(ReadonlyApp, HttpMethod.Get, $"{SubScope}/resourcegroups/rg-data{Auth}permissions{V}");
        Assert.Equal(["*/read"], dataBody!["value"]!.AsArray().SelectMany(p => Strings(p!["actions"])));
    }

    [Fact]
    public async Task Permissions_are_not_listed_at_a_subscription()
    {
        await AssertError(Send(HttpMethod.Get, SubScope + Auth + "permissions" + V), HttpStatusCode.BadRequest, "InvalidResourceType");
    }

    [Theory]
    [InlineData("*/read", "Microsoft.Network/virtualNetworks/read", true)]
    [InlineData("*/read", "Microsoft.Network/virtualNetworks/write", false)]
    [InlineData("Microsoft.Network/*", "microsoft.network/virtualnetworks/peer/action", true)]
    [InlineData("Microsoft.Authorization/*/Write", "Microsoft.Authorization/roleAssignments/write", true)]
    [InlineData("Microsoft.Authorization/*/read", "Microsoft.Authorization/roleAssignments/write", false)]
    [InlineData("Microsoft.Network/virtualNetworks/read", "Microsoft.Network/virtualNetworks/readX", false)]
    public void Action_patterns_match_as_ARM_does(string pattern, string action, bool expected) =>
        Assert.Equal(expected, RbacEvaluator.Matches(pattern, action));

    [Fact]
    public void Evaluator_applies_scope_inheritance_by_segment_and_notActions()
    {
        var state = Fx.Host.State;
        const string peer = "Microsoft.Network/virtualNetworks/peer/action";
        Assert.True(RbacEvaluator.IsAllowed(state, ReadonlyObjectId, peer, VnetHub));
        Assert.True(RbacEvaluator.IsAllowed(state, ReadonlyObjectId, peer, VnetHub + "/subnets/default"));
        Assert.False(RbacEvaluator.IsAllowed(state, ReadonlyObjectId, peer, VnetHub + "-2"));
        Assert.False(RbacEvaluator.IsAllowed(state, ReadonlyObjectId, peer, RgNetwork));
        Assert.False(RbacEvaluator.IsAllowed(state, ReadonlyObjectId, "Microsoft.Authorization/roleAssignments/write", VnetHub));
        Assert.True(RbacEvaluator.IsAllowed(state, EmulatorFixture.ClientObjectId, "Microsoft.Authorization/roleAssignments/write", VnetHub));
        Assert.True(RbacEvaluator.IsAllowed(state, EmulatorFixture.ClientObjectId, "Microsoft.Network/virtualNetworks/write", DevScope));
        Assert.False(RbacEvaluator.IsAllowed(state, EmulatorFixture.ClientObjectId, "Microsoft.Authorization/roleAssignments/write", DevScope));
        Assert.False(RbacEvaluator.IsAllowed(state, "00000000-1111-4222-8333-444444444444", "Microsoft.Network/virtualNetworks/read", SubScope));
    }
}

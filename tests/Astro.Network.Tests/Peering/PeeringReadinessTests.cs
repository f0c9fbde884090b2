using Astro.Network.Engine;
using Astro.Network.Engine.Peering;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.Peering;

/// <summary>Test-AstroPeeringReadiness: one result per check, failures as results with a reason, nothing written.</summary>
public sealed class PeeringReadinessTests(EmulatorFixture fixture) : PeeringTestBase(fixture)
{

    private async Task<IReadOnlyList<PeeringReadinessCheck>> TestAsync(string cluster, string vnet, System.Text.Json.Nodes.JsonObject? app = null)
    {
        var context = await ConnectAsync(fixture, log, app);
        var checks = await new PeeringReadiness(context).TestAsync(cluster, VnetId(fixture, vnet), CancellationToken.None);
        Assert.DoesNotContain(fixture.Host.Requests, r => r.IsWrite);
        return checks;
    }

    private static PeeringReadinessCheck Single(IReadOnlyList<PeeringReadinessCheck> checks, string check) => Assert.Single(checks, c => c.Check == check);

    [Fact]
    public async Task Dedicated_cluster_and_a_clean_vnet_pass_every_check()
    {
        var checks = await TestAsync(ClusterId("azure-dedicated"), "vnet-hub");

        Assert.Equal(new[] { "ClusterType", "AddressSpace", "PeeredAddressSpace", "RoleAssignmentPermission", "RoleAssignmentPermission", "RoleAssignmentPermission", "ServicePrincipal" },
            checks.Select(c => c.Check));
        Assert.All(checks, c => Assert.Equal(("Passed", true), (c.Status, c.Passed)));
        Assert.Equal(PeeringRoleSet.AllScopes.Select(s => PeeringEngine.ScopeIds(VnetId(fixture, "vnet-hub"), new[] { s }).Single().Value),
            checks.Where(c => c.Check == "RoleAssignmentPermission").Select(c => c.Scope), StringComparer.OrdinalIgnoreCase);
        Assert.Contains("will create", Single(checks, "ServicePrincipal").Message);
    }

    [Fact]
    public async Task Overlapping_vnet_fails_the_address_space_check_naming_both_ranges()
    {
        var checks = await TestAsync(ClusterId("azure-dedicated"), "vnet-overlap");

        var check = Single(checks, "AddressSpace");
        Assert.Equal(("Failed", false), (check.Status, check.Passed));
        Assert.Contains("172.20.0.0/19", check.Message);
        Assert.Contains("172.20.0.0/16", check.Message);
        Assert.Equal("Passed", Single(checks, "PeeredAddressSpace").Status);
    }

    [Fact]
    public async Task A_space_already_peered_to_the_vnet_fails_the_peered_check()
    {
        var checks = await TestAsync(ClusterId("azure-dedicated"), "vnet-spoke");

        var check = Single(checks, "PeeredAddressSpace");
        Assert.Equal("Failed", check.Status);
        Assert.Contains("172.20.8.0/24", check.Message);
        Assert.Contains("spoke-to-partner", check.Message);
        Assert.Equal("Passed", Single(checks, "AddressSpace").Status);
    }

    [Fact]
    public async Task A_standard_deployments_cluster_fails_and_skips_the_checks_that_need_it()
    {
        var checks = await TestAsync(StandardClusterId, "vnet-hub");

        var type = Single(checks, "ClusterType");
        Assert.Equal("Failed", type.Status);
        Assert.Contains("Add-AstroAllowlist", type.Message);
        Assert.Equal("Skipped", Single(checks, "AddressSpace").Status);
        Assert.Equal("Skipped", Single(checks, "PeeredAddressSpace").Status);
        Assert.All(checks.Where(c => c.Check == "RoleAssignmentPermission"), c => Assert.Equal("Passed", c.Status));
    }

    [Fact]
    public async Task An_aws_cluster_fails_the_cluster_check()
    {
        var checks = await TestAsync(ClusterId("aws-dedicated"), "vnet-hub");

        var type = Single(checks, "ClusterType");
        Assert.Equal(("Failed", false), (type.Status, type.Passed));
        Assert.Contains("AWS", type.Message);
    }

    [Fact]
    public async Task A_reader_cannot_write_role_assignments_nor_create_the_service_principal()
    {
        var checks = await TestAsync(ClusterId("azure-dedicated"), "vnet-hub", ReadonlyApp);

        var permissions = checks.Where(c => c.Check == "RoleAssignmentPermission").ToList();
        Assert.Equal(3, permissions.Count);
        Assert.All(permissions, c => Assert.Equal(("Failed", false), (c.Status, c.Passed)));
        Assert.All(permissions, c => Assert.Contains("Microsoft.Authorization/roleAssignments/write", c.Message));
        var principal = Single(checks, "ServicePrincipal");
        Assert.Equal("Failed", principal.Status);
        Assert.Contains("Application.ReadWrite.All", principal.Message);
        Assert.Contains("az ad sp create --id " + PeeringEngine.AstronomerAppId, principal.Message);
    }
}

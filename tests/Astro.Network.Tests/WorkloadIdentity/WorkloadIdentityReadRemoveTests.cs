using Astro.Network.Engine;
using Astro.Network.Tests.Emulator;
using Xunit;
using static Astro.Network.Tests.WorkloadIdentity.WorkloadIdentityTestKit;

namespace Astro.Network.Tests.WorkloadIdentity;

/// <summary>Get- and Remove-AstroWorkloadIdentity's engine: credentials matched to Deployments, and removal of exactly one Deployment's.</summary>
public sealed class WorkloadIdentityReadRemoveTests : WorkloadIdentityTestBase
{
    private const string Github = "github-contoso-app-main";
    private static readonly string[] ReportingNames = { "stellar-nebula-1037-scheduler", "stellar-nebula-1037-worker" };

    public WorkloadIdentityReadRemoveTests(EmulatorFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Get_names_the_deployment_and_component_each_credential_trusts()
    {
        var service = await ServiceAsync();

        var all = await service.GetAsync(IdentityId("uami-astro"), null, CancellationToken.None);
        var reporting = await service.GetAsync(IdentityId("uami-astro"), ReportingId, CancellationToken.None);

        Assert.Equal(new[] { (Github, (string?)null, (string?)null), (ReportingNames[0], "reporting", "scheduler"), (ReportingNames[1], "reporting", "worker") },
            all.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => (c.Name, c.DeploymentName, c.Workload)));
        Assert.All(all, c => Assert.Equal(("Existing", IdentityId("uami-astro")), (c.Status, c.IdentityResourceId)));
        Assert.Equal(ReportingNames, reporting.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(reporting, c => Assert.Equal((ReportingId, "stellar-nebula-1037"), (c.DeploymentId!, c.Namespace!)));
        Assert.Equal(0, ArmWrites(Fixture));
    }

    [Fact]
    public async Task Get_reads_every_page_of_a_crowded_identity()
    {
        var service = await ServiceAsync();

        var all = await service.GetAsync(IdentityId("uami-crowded"), null, CancellationToken.None);

        Assert.Equal(StoredNames(Fixture, "uami-crowded"), all.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(18, all.Count);
        Assert.All(all, c => Assert.Null(c.DeploymentId));
    }

    [Fact]
    public async Task Remove_deletes_only_that_deployments_credentials_and_a_second_remove_writes_nothing()
    {
        var service = await ServiceAsync();
        await service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None);
        // Same namespace, another issuer (e.g. a recreated cluster): not this Deployment's trust.
        Seed(Fixture, "uami-astro", "galactic-orbit-4821-elsewhere", "https://westus2.oic.prod-aks.azure.com/other/",
            "system:serviceaccount:galactic-orbit-4821:galactic-orbit-4821-worker-serviceaccount");
        Fixture.Host.ClearRequests();

        var removed = await service.RemoveAsync(EtlId, IdentityId("uami-astro"), whatIf: false, CancellationToken.None);
        var writes = ArmWrites(Fixture);
        Fixture.Host.ClearRequests();
        var again = await service.RemoveAsync(EtlId, IdentityId("uami-astro"), whatIf: false, CancellationToken.None);

        Assert.Equal((true, false, 4), (removed.Changed, removed.WhatIf, writes));
        Assert.All(removed.Credentials, c => Assert.Equal(("Removed", EtlId), (c.Status, c.DeploymentId!)));
        Assert.Equal(new[] { "galactic-orbit-4821-elsewhere", Github }.Concat(ReportingNames).OrderBy(n => n, StringComparer.Ordinal),
            StoredNames(Fixture, "uami-astro"));
        Assert.Equal(("4e5f6071-8293-44ab-bcde-f01234567890", EmulatorFixture.TenantId), (removed.ClientId, removed.TenantId));
        Assert.Empty(again.Credentials);
        Assert.False(again.Changed);
        Assert.Equal(0, ArmWrites(Fixture));
    }

    [Fact]
    public async Task Remove_with_whatIf_lists_what_would_go_and_writes_nothing()
    {
        var service = await ServiceAsync();

        var plan = await service.RemoveAsync(ReportingId, IdentityId("uami-astro"), whatIf: true, CancellationToken.None);

        Assert.Equal((true, false), (plan.WhatIf, plan.Changed));
        Assert.Equal(ReportingNames, plan.Credentials.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.All(plan.Credentials, c => Assert.Equal("WouldRemove", c.Status));
        Assert.Equal(0, ArmWrites(Fixture));
        Assert.Equal(3, StoredNames(Fixture, "uami-astro").Count);
    }
}

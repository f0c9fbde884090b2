using Astro.Network.Engine;
using Astro.Network.Tests.Emulator;
using Xunit;
using static Astro.Network.Tests.WorkloadIdentity.WorkloadIdentityTestKit;

namespace Astro.Network.Tests.WorkloadIdentity;

/// <summary>A Deployment with drOidcIssuerUrl (the scenario's payments): its DR issuer gets its own credentials, counted and removed with the rest.</summary>
public sealed class WorkloadIdentityDisasterRecoveryTests : WorkloadIdentityTestBase
{
    private const string PaymentsId = "cm5pay00000000000000000d4";
    private const string Namespace = "orbital-ledger-5310";
    private const string DrIssuer = "https://centralus.oic.prod-aks.azure.com/b84efac8-cfae-467a-b223-23b9aea1486d/9d2e4f6a-1b3c-4d5e-8f7a-0b1c2d3e4f5a/";

    public WorkloadIdentityDisasterRecoveryTests(EmulatorFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Grant_creates_a_dr_credential_per_component_with_the_dr_issuer()
    {
        var service = await ServiceAsync();

        var grant = await service.GrantAsync(PaymentsId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None);

        Assert.Equal((ClusterIssuer, DrIssuer), (grant.Issuer, grant.DrIssuer));
        Assert.Equal(8, grant.Credentials.Length);
        var dr = grant.Credentials.Where(c => c.DisasterRecovery).ToList();
        Assert.Equal(new[] { "scheduler", "triggerer", "worker", "kpo" }, dr.Select(c => c.Workload));
        Assert.All(dr, c => Assert.Equal((DrIssuer, Namespace + "-" + c.Workload + "-dr", "Created"), (c.Issuer, c.Name, c.Status)));
        Assert.Equal(
            grant.Credentials.Where(c => !c.DisasterRecovery).Select(c => c.Subject),
            dr.Select(c => c.Subject));
        Assert.Equal(DrIssuer, (string?)Stored(Fixture, "uami-astro", Namespace + "-worker-dr")?["properties"]?["issuer"]);
    }

    [Fact]
    public async Task Dr_credentials_count_against_the_20_per_identity_limit()
    {
        var service = await ServiceAsync();

        // uami-crowded holds 18: two components of a DR Deployment need four.
        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.GrantAsync(PaymentsId, IdentityId("uami-crowded"), new[] { "worker", "kpo" }, whatIf: false, CancellationToken.None));
        var one = await service.GrantAsync(PaymentsId, IdentityId("uami-crowded"), new[] { "worker" }, whatIf: false, CancellationToken.None);

        Assert.Equal("FederatedCredentialLimitExceeded", error.ErrorId);
        Assert.Contains("has 18 federated identity credentials and this Deployment needs 4 more", error.Message);
        Assert.Equal(new[] { Namespace + "-worker", Namespace + "-worker-dr" }, one.Credentials.Select(c => c.Name));
        Assert.Equal(20, StoredNames(Fixture, "uami-crowded").Count);
    }

    [Fact]
    public async Task Get_and_remove_treat_dr_credentials_as_the_deployments()
    {
        var service = await ServiceAsync();
        await service.GrantAsync(PaymentsId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None);

        var listed = await service.GetAsync(IdentityId("uami-astro"), PaymentsId, CancellationToken.None);
        var removed = await service.RemoveAsync(PaymentsId, IdentityId("uami-astro"), whatIf: false, CancellationToken.None);

        Assert.Equal(8, listed.Count);
        Assert.Equal(4, listed.Count(c => c.DisasterRecovery && c.DeploymentName == "payments"));
        Assert.Equal(8, removed.Credentials.Length);
        Assert.DoesNotContain(StoredNames(Fixture, "uami-astro"), n => n.StartsWith(Namespace, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dr_issuer_that_is_not_https_is_refused_before_azure_is_called()
    {
        Deployment(Fixture, PaymentsId)["drOidcIssuerUrl"] = "http://centralus.example/issuer/";
        var service = await ServiceAsync();
        var writes = ArmWrites(Fixture);

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.GrantAsync(PaymentsId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None));

        Assert.Equal("DeploymentNotReadyForWorkloadIdentity", error.ErrorId);
        Assert.Contains("drOidcIssuerUrl", error.Message);
        Assert.Equal(writes, ArmWrites(Fixture));
    }
}

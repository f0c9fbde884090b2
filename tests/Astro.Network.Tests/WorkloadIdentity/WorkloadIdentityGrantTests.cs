using System.Text.Json.Nodes;
using Astro.Network.Emulator.Faults;
using Astro.Network.Engine;
using Astro.Network.Tests.Emulator;
using Xunit;
using static Astro.Network.Tests.WorkloadIdentity.WorkloadIdentityTestKit;

namespace Astro.Network.Tests.WorkloadIdentity;

/// <summary>Grant-AstroWorkloadIdentity's engine against the emulator: exact credentials, idempotence, refusals before any write.</summary>
public sealed class WorkloadIdentityGrantTests : WorkloadIdentityTestBase
{
    private const string EtlNamespace = "galactic-orbit-4821";

    public WorkloadIdentityGrantTests(EmulatorFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Grant_creates_the_documented_credentials_for_etl_then_a_second_grant_writes_nothing()
    {
        var service = await ServiceAsync();

        var first = await service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None);
        Fixture.Host.ClearRequests();
        var second = await service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None);

        Assert.Equal(("etl", EtlNamespace, ClusterIssuer, true, false), (first.DeploymentName, first.Namespace, first.Issuer, first.Changed, first.WhatIf));
        Assert.Equal(("4e5f6071-8293-44ab-bcde-f01234567890", EmulatorFixture.TenantId, "uami-astro"), (first.ClientId, first.TenantId, first.IdentityName));
        Assert.Equal(new[]
        {
            ("galactic-orbit-4821-scheduler", "system:serviceaccount:galactic-orbit-4821:galactic-orbit-4821-scheduler-serviceaccount", "scheduler"),
            ("galactic-orbit-4821-triggerer", "system:serviceaccount:galactic-orbit-4821:galactic-orbit-4821-triggerer-serviceaccount", "triggerer"),
            ("galactic-orbit-4821-worker", "system:serviceaccount:galactic-orbit-4821:galactic-orbit-4821-worker-serviceaccount", "worker"),
            ("galactic-orbit-4821-kpo", "system:serviceaccount:galactic-orbit-4821:galactic-orbit-4821-kpo", "kpo"),
        }, first.Credentials.Select(c => (c.Name, c.Subject, c.Workload!)));
        Assert.All(first.Credentials, c => Assert.Equal(("Created", EtlId), (c.Status, c.DeploymentId!)));
        foreach (var credential in first.Credentials)
        {
            var stored = Stored(Fixture, "uami-astro", credential.Name)!["properties"]!;
            Assert.Equal(ClusterIssuer, (string?)stored["issuer"]);
            Assert.Equal(credential.Subject, (string?)stored["subject"]);
            Assert.Equal("api://AzureADTokenExchange", (string?)Assert.Single(stored["audiences"]!.AsArray()));
        }

        Assert.All(second.Credentials, c => Assert.Equal("AlreadyExisted", c.Status));
        Assert.False(second.Changed);
        Assert.Equal(0, ArmWrites(Fixture));
    }

    [Fact]
    public async Task Grant_creates_only_the_missing_components_of_a_partly_trusted_deployment()
    {
        var service = await ServiceAsync();

        var grant = await service.GrantAsync(ReportingId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None);

        Assert.Equal(new[] { ("scheduler", "AlreadyExisted"), ("triggerer", "Created"), ("worker", "AlreadyExisted"), ("kpo", "Created") },
            grant.Credentials.Select(c => (c.Workload!, c.Status)));
        Assert.Equal(2, ArmWrites(Fixture));
        Assert.Contains("github-contoso-app-main", StoredNames(Fixture, "uami-astro"));
    }

    [Fact]
    public async Task A_credential_with_the_same_issuer_and_subject_under_another_name_counts_as_present()
    {
        Seed(Fixture, "uami-astro", "etl-worker-by-hand", ClusterIssuer, $"system:serviceaccount:{EtlNamespace}:{EtlNamespace}-worker-serviceaccount");
        var service = await ServiceAsync();

        var grant = await service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None);

        var worker = grant.Credentials.Single(c => c.Workload == "worker");
        Assert.Equal(("etl-worker-by-hand", "AlreadyExisted"), (worker.Name, worker.Status));
        Assert.Equal(3, ArmWrites(Fixture));
        Assert.Null(Stored(Fixture, "uami-astro", EtlNamespace + "-worker"));
    }

    [Fact]
    public async Task An_identity_with_18_credentials_refuses_four_more_before_any_write()
    {
        var service = await ServiceAsync();

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.GrantAsync(EtlId, IdentityId("uami-crowded"), null, whatIf: false, CancellationToken.None));

        Assert.Equal(("FederatedCredentialLimitExceeded", FailureKind.LimitsExceeded), (error.ErrorId, error.Kind));
        Assert.Contains("has 18 federated identity credentials", error.Message);
        Assert.Contains("needs 4 more", error.Message);
        Assert.Contains("at most 20", error.Message);
        Assert.Equal(0, ArmWrites(Fixture));
        Assert.Equal(18, StoredNames(Fixture, "uami-crowded").Count);
    }

    [Fact]
    public async Task Two_components_still_fit_on_the_crowded_identity()
    {
        var service = await ServiceAsync();

        var grant = await service.GrantAsync(EtlId, IdentityId("uami-crowded"), new[] { "Worker", "kpo", "worker" }, whatIf: false, CancellationToken.None);

        Assert.Equal(new[] { "worker", "kpo" }, grant.Credentials.Select(c => c.Workload));
        Assert.Equal(20, StoredNames(Fixture, "uami-crowded").Count);
    }

    [Fact]
    public async Task A_name_taken_by_other_content_stops_the_grant_before_any_write()
    {
        Seed(Fixture, "uami-astro", EtlNamespace + "-worker", "https://token.actions.githubusercontent.com", "repo:contoso/other:ref:refs/heads/main");
        var service = await ServiceAsync();

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None));

        Assert.Equal(("FederatedCredentialConflict", FailureKind.ResourceExists, EtlNamespace + "-worker"), (error.ErrorId, error.Kind, error.Target as string));
        Assert.Contains("repo:contoso/other", error.Message);
        Assert.Equal(0, ArmWrites(Fixture));
    }

    [Fact]
    public async Task A_failed_write_keeps_what_was_created_and_a_second_grant_finishes_the_rest()
    {
        Fixture.Host.Faults.Add(new FaultRule
        {
            Method = "PUT", PathContains = "/federatedIdentityCredentials/" + EtlNamespace + "-worker", Service = "arm", Status = 403,
            Body = new JsonObject { ["error"] = new JsonObject { ["code"] = "AuthorizationFailed", ["message"] = "denied" } },
        });
        var service = await ServiceAsync();

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None));
        var retry = await service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None);

        Assert.Equal(("AzurePermissionDenied", 403), (error.ErrorId, error.Status));
        Assert.Contains("running the command again creates only the missing ones", error.Message);
        Assert.Equal(new[] { ("scheduler", "AlreadyExisted"), ("triggerer", "AlreadyExisted"), ("worker", "Created"), ("kpo", "Created") },
            retry.Credentials.Select(c => (c.Workload!, c.Status)));
    }

    [Fact]
    public async Task WhatIf_reports_what_would_be_created_and_writes_nothing()
    {
        var service = await ServiceAsync();

        var grant = await service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: true, CancellationToken.None);

        Assert.Equal((true, false), (grant.WhatIf, grant.Changed));
        Assert.Equal(4, grant.Credentials.Length);
        Assert.All(grant.Credentials, c => Assert.Equal("WouldCreate", c.Status));
        Assert.Equal(0, ArmWrites(Fixture));
        Assert.Null(Stored(Fixture, "uami-astro", EtlNamespace + "-scheduler"));
    }

    [Fact]
    public async Task An_airflow_3_deployment_also_trusts_the_dag_processor_and_api_server()
    {
        Deployment(Fixture, EtlId)["airflowVersion"] = "3.0.2";
        var service = await ServiceAsync();

        var grant = await service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None);

        Assert.Equal(new[] { "scheduler", "triggerer", "worker", "kpo", "dag-processor", "api-server" }, grant.Credentials.Select(c => c.Workload));
        Assert.Equal($"system:serviceaccount:{EtlNamespace}:{EtlNamespace}-dag-processor-serviceaccount",
            (string?)Stored(Fixture, "uami-astro", EtlNamespace + "-dag-processor")!["properties"]!["subject"]);
        Assert.NotNull(Stored(Fixture, "uami-astro", EtlNamespace + "-api-server"));
    }

    [Theory]
    [InlineData("namespace")]
    [InlineData("oidcIssuerUrl")]
    public async Task A_deployment_without_namespace_or_issuer_is_refused_before_azure_is_called(string missing)
    {
        Deployment(Fixture, EtlId).Remove(missing);
        var service = await ServiceAsync();

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None));

        Assert.Equal(("DeploymentNotReadyForWorkloadIdentity", FailureKind.InvalidOperation), (error.ErrorId, error.Kind));
        Assert.DoesNotContain(Fixture.Host.Requests, r => r.Service == "arm");
    }

    [Fact]
    public async Task A_missing_identity_and_an_unknown_workload_give_their_own_errors()
    {
        var service = await ServiceAsync();

        var missing = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.GrantAsync(EtlId, IdentityId("uami-nowhere"), null, whatIf: false, CancellationToken.None));
        var unknown = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.GrantAsync(EtlId, IdentityId("uami-astro"), new[] { "webserver" }, whatIf: false, CancellationToken.None));

        Assert.Equal(("ManagedIdentityNotFound", FailureKind.ObjectNotFound), (missing.ErrorId, missing.Kind));
        Assert.Equal(("InvalidWorkload", FailureKind.InvalidArgument), (unknown.ErrorId, unknown.Kind));
        Assert.Equal(0, ArmWrites(Fixture));
    }
}

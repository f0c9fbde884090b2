using Astro.Network.Engine;
using Xunit;

namespace Astro.Network.Tests.WorkloadIdentity;

/// <summary>Input checks and defaults that need no service.</summary>
public sealed class WorkloadIdentityInputTests
{
    private const string Uami = "/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-astro";

    [Theory]
    [InlineData(null, "scheduler,triggerer,worker,kpo")]
    [InlineData("2.10.5", "scheduler,triggerer,worker,kpo")]
    [InlineData("3.0.2", "scheduler,triggerer,worker,kpo,dag-processor,api-server")]
    [InlineData("3", "scheduler,triggerer,worker,kpo,dag-processor,api-server")]
    [InlineData("not-a-version", "scheduler,triggerer,worker,kpo")]
    public void Default_workloads_follow_the_airflow_major_version(string? version, string expected) =>
        Assert.Equal(expected, string.Join(",", WorkloadIdentityEngine.DefaultWorkloads(version)));

    [Fact]
    public void An_identity_id_in_any_casing_comes_back_canonical()
    {
        var messy = Uami.Replace("resourceGroups", "RESOURCEGROUPS").Replace("Microsoft.ManagedIdentity/userAssignedIdentities", "microsoft.managedidentity/USERASSIGNEDIDENTITIES") + "/";

        Assert.Equal(Uami, WorkloadIdentityEngine.NormalizeIdentityId(messy));
    }

    [Theory]
    [InlineData("/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st", "WrongResourceType")]
    [InlineData(Uami + "/federatedIdentityCredentials/x", "WrongResourceType")]
    [InlineData("/subscriptions/not-a-guid/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u", "InvalidResourceId")]
    [InlineData("uami-astro", "InvalidResourceId")]
    public void Bad_identity_ids_are_refused_with_a_stable_id(string input, string errorId)
    {
        var error = Assert.Throws<AstroNetworkException>(() => WorkloadIdentityEngine.NormalizeIdentityId(input));

        Assert.Equal((errorId, FailureKind.InvalidArgument), (error.ErrorId, error.Kind));
    }
}

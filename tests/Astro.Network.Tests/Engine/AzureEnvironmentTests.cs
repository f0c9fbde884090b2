using Astro.Network.Engine;
using Astro.Network.Engine.AzureAccess;
using Xunit;

namespace Astro.Network.Tests.Engine;

/// <summary>Environment resolution reads ASTRO_AZURE_* variables, so it shares the process-environment collection.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class AzureEnvironmentTests
{
    [Fact]
    public void Known_clouds_have_their_endpoints_and_scopes()
    {
        using var _ = ProcessEnvironment.Clear(AzureCloudEnvironment.ArmUrlVariable, AzureCloudEnvironment.GraphUrlVariable, AzureCloudEnvironment.AuthorityHostVariable);

        var gov = AzureCloudEnvironment.Resolve(new AzureSignInOptions { Environment = "azureusgovernment" });
        var pub = AzureCloudEnvironment.Resolve(new AzureSignInOptions());

        Assert.Equal(("https://management.usgovcloudapi.net/", "https://login.microsoftonline.us/", false), (gov.ResourceManagerUrl.AbsoluteUri, gov.AuthorityHost.AbsoluteUri, gov.IsCustom));
        Assert.Equal(("https://management.azure.com/.default", "https://graph.microsoft.com/.default"), (pub.ArmScope, pub.GraphScope));
    }

    [Fact]
    public void Custom_needs_all_three_urls()
    {
        using var _ = ProcessEnvironment.Clear(AzureCloudEnvironment.ArmUrlVariable, AzureCloudEnvironment.GraphUrlVariable, AzureCloudEnvironment.AuthorityHostVariable);

        var ex = Assert.Throws<AstroNetworkException>(() => AzureCloudEnvironment.Resolve(new AzureSignInOptions { ResourceManagerUrl = new Uri("https://127.0.0.1:1/") }));

        Assert.Equal(("AzureEnvironmentIncomplete", FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
        Assert.Contains("GraphUrl, AuthorityHost", ex.Message);
    }

    [Fact]
    public void Custom_comes_from_environment_variables_and_keeps_public_audiences()
    {
        using var _ = EmulatorVariables();

        var env = AzureCloudEnvironment.Resolve(new AzureSignInOptions { Environment = "Custom" });

        Assert.Equal(("Custom", true, "https://127.0.0.1:5/graph/"), (env.Name, env.IsCustom, env.GraphUrl.AbsoluteUri));
        Assert.Equal(("https://management.azure.com/.default", "https://graph.microsoft.com/.default"), (env.ArmScope, env.GraphScope));
        Assert.Contains("custom Azure cloud", env.Announcement());
    }

    [Theory]
    [InlineData("AzureCloud")]
    [InlineData("AzureUSGovernment")]
    public void Endpoint_variables_without_an_explicit_custom_cloud_are_refused(string cloud)
    {
        using var _ = EmulatorVariables();

        var ex = Assert.Throws<AstroNetworkException>(() => AzureCloudEnvironment.Resolve(new AzureSignInOptions { Environment = cloud }));

        Assert.Equal(("AzureEnvironmentOverrideRefused", FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
        Assert.Contains(AzureCloudEnvironment.ArmUrlVariable, ex.Message);
        Assert.Contains("-Environment Custom", ex.Message);
    }

    [Fact]
    public void Only_the_public_cloud_goes_unannounced()
    {
        using var _ = ProcessEnvironment.Clear(AzureCloudEnvironment.ArmUrlVariable, AzureCloudEnvironment.GraphUrlVariable, AzureCloudEnvironment.AuthorityHostVariable);

        Assert.Null(AzureCloudEnvironment.Resolve(new AzureSignInOptions()).Announcement());
        Assert.Contains("national cloud AzureChinaCloud", AzureCloudEnvironment.Resolve(new AzureSignInOptions { Environment = "AzureChinaCloud" }).Announcement());
    }

    private static IDisposable EmulatorVariables() => ProcessEnvironment.Set(
        (AzureCloudEnvironment.ArmUrlVariable, "https://127.0.0.1:5/"),
        (AzureCloudEnvironment.GraphUrlVariable, "https://127.0.0.1:5/graph/"),
        (AzureCloudEnvironment.AuthorityHostVariable, "https://127.0.0.1:5/"));

    [Fact]
    public void Unknown_cloud_name_is_rejected()
    {
        Assert.Equal("AzureEnvironmentUnknown", Assert.Throws<AstroNetworkException>(() => AzureCloudEnvironment.Resolve(new AzureSignInOptions { Environment = "Mars" })).ErrorId);
    }
}

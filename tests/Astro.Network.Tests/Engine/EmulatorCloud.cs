using Astro.Network.Engine;
using Astro.Network.Engine.AzureAccess;

namespace Astro.Network.Tests.Engine;

/// <summary>The emulator as a custom Azure cloud: sign-in options with its three URLs, or the variables that name it.</summary>
internal static class EmulatorCloud
{
    public static AzureSignInOptions Options(Uri emulator, AzureAuthMethod method) => new()
    {
        Method = method,
        Environment = "Custom",
        ResourceManagerUrl = emulator,
        GraphUrl = new Uri(emulator, "graph/"),
        AuthorityHost = emulator,
    };

    /// <summary>ASTRO_AZURE_ENVIRONMENT=Custom and the three URL variables, as a runbook without Connect-AstroAzure would set them.</summary>
    public static IDisposable Variables(Uri emulator) => ProcessEnvironment.Set(
        (AzureCloudEnvironment.EnvironmentVariable, "Custom"),
        (AzureCloudEnvironment.ArmUrlVariable, emulator.AbsoluteUri),
        (AzureCloudEnvironment.GraphUrlVariable, new Uri(emulator, "graph/").AbsoluteUri),
        (AzureCloudEnvironment.AuthorityHostVariable, emulator.AbsoluteUri));
}

namespace Astro.Network.Emulator.Arm;

/// <summary>
/// Serves one ARM resource type (one file per type, registered in <see cref="ArmHandlers"/>). The front door has already
/// checked the token, the api-version against <see cref="ApiVersions"/>, the subscription, the resource group and that the
/// parent resource exists. Return null for an unsupported method (the front door answers 405).
/// </summary>
public interface IArmResourceHandler
{
    /// <summary>"Microsoft.Storage/storageAccounts" or a child type such as "Microsoft.Sql/servers/firewallRules".</summary>
    string ResourceType { get; }

    /// <summary>api-versions accepted, newest first (the providers endpoint lists them in this order).</summary>
    IReadOnlyCollection<string> ApiVersions { get; }

    Task<IResult?> HandleAsync(ArmRequestContext ctx);
}

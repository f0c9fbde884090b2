namespace Astro.Network.Engine
{
    /// <summary>How the module signs in to Azure.</summary>
    public enum AzureAuthMethod
    {
        /// <summary>Managed identity when IDENTITY_ENDPOINT/MSI_ENDPOINT is set, else environment credential, Azure CLI, Azure PowerShell.</summary>
        Default,
        ManagedIdentity,
        ClientSecret,
        ClientCertificate,
        DeviceCode,
        AzurePowerShell,
        AzureCli,
    }
}

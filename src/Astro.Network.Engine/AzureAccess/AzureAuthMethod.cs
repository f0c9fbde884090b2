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
        /// <summary>Tokens of the Az.Accounts context of the PowerShell session (Get-AzAccessToken), no sign-in of our own.</summary>
        AzContext,
    }
}

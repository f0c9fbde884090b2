using System;
using System.Security;

namespace Astro.Network.Engine
{
    /// <summary>What Connect-AstroAzure collected. Secrets stay SecureStrings until the credential needs them.</summary>
    public sealed class AzureSignInOptions
    {
        public AzureAuthMethod Method { get; set; } = AzureAuthMethod.Default;
        public string? TenantId { get; set; }
        /// <summary>App (client) id, or a user-assigned managed identity's client id (only sent when given).</summary>
        public string? ClientId { get; set; }
        public SecureString? ClientSecret { get; set; }
        public string? CertificatePath { get; set; }
        public SecureString? CertificatePassword { get; set; }
        public string? SubscriptionId { get; set; }
        /// <summary>AzureCloud, AzureUSGovernment, AzureChinaCloud or Custom.</summary>
        public string Environment { get; set; } = "AzureCloud";
        public Uri? ResourceManagerUrl { get; set; }
        public Uri? GraphUrl { get; set; }
        public Uri? AuthorityHost { get; set; }
        /// <summary>Token audience of a custom ARM endpoint; default https://management.azure.com/.</summary>
        public string? ResourceManagerAudience { get; set; }
        /// <summary>Token audience of a custom Graph endpoint; default https://graph.microsoft.com.</summary>
        public string? GraphAudience { get; set; }
        /// <summary>Receives the device-code sign-in instructions.</summary>
        public Action<string>? DeviceCodeMessage { get; set; }
    }
}

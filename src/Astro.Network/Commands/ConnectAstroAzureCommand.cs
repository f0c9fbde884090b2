using System;
using System.Management.Automation;
using System.Security;
using Astro.Network.Engine;

namespace Astro.Network.Commands
{
    /// <summary>
    /// Signs in to Azure for this session: managed identity, service principal (secret or certificate), device code,
    /// an existing Az PowerShell or az CLI login, or the default chain. Works with sovereign and custom clouds.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "AstroAzure", DefaultParameterSetName = DefaultSet)]
    [OutputType(typeof(AzureConnectionInfo))]
    public sealed class ConnectAstroAzureCommand : AstroCmdlet
    {
        private const string DefaultSet = "Default";
        private const string IdentitySet = "ManagedIdentity";
        private const string SecretSet = "ClientSecret";
        private const string CertificateSet = "ClientCertificate";
        private const string DeviceCodeSet = "DeviceCode";
        private const string AzPowerShellSet = "AzurePowerShell";
        private const string AzCliSet = "AzureCli";

        [Parameter(ParameterSetName = IdentitySet, Mandatory = true)]
        public SwitchParameter Identity { get; set; }

        /// <summary>Client ID of a user-assigned managed identity, or of the service principal.</summary>
        [Parameter(ParameterSetName = IdentitySet)]
        [Parameter(ParameterSetName = SecretSet, Mandatory = true)]
        [Parameter(ParameterSetName = CertificateSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        [Parameter(ParameterSetName = SecretSet, Mandatory = true)]
        public SecureString? ClientSecret { get; set; }

        [Parameter(ParameterSetName = CertificateSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string? CertificatePath { get; set; }

        [Parameter(ParameterSetName = CertificateSet)]
        public SecureString? CertificatePassword { get; set; }

        [Parameter(ParameterSetName = DeviceCodeSet, Mandatory = true)]
        public SwitchParameter UseDeviceAuthentication { get; set; }

        [Parameter(ParameterSetName = AzPowerShellSet, Mandatory = true)]
        public SwitchParameter UseAzurePowerShell { get; set; }

        [Parameter(ParameterSetName = AzCliSet, Mandatory = true)]
        public SwitchParameter UseAzureCli { get; set; }

        [Parameter(ParameterSetName = SecretSet, Mandatory = true)]
        [Parameter(ParameterSetName = CertificateSet, Mandatory = true)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(ParameterSetName = DefaultSet)]
        [Parameter(ParameterSetName = AzPowerShellSet)]
        [Parameter(ParameterSetName = AzCliSet)]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SubscriptionId { get; set; }

        /// <summary>AzureCloud (default), AzureUSGovernment, AzureChinaCloud, or Custom with the three URLs.</summary>
        [Parameter]
        [ValidateSet("AzureCloud", "AzureUSGovernment", "AzureChinaCloud", "Custom")]
        public string Environment { get; set; } = "AzureCloud";

        [Parameter]
        public Uri? ResourceManagerUrl { get; set; }

        [Parameter]
        public Uri? GraphUrl { get; set; }

        [Parameter]
        public Uri? AuthorityHost { get; set; }

        protected override void ProcessItem()
        {
            var options = new AzureSignInOptions
            {
                Method = ParameterSetName switch
                {
                    IdentitySet => AzureAuthMethod.ManagedIdentity,
                    SecretSet => AzureAuthMethod.ClientSecret,
                    CertificateSet => AzureAuthMethod.ClientCertificate,
                    DeviceCodeSet => AzureAuthMethod.DeviceCode,
                    AzPowerShellSet => AzureAuthMethod.AzurePowerShell,
                    AzCliSet => AzureAuthMethod.AzureCli,
                    _ => AzureAuthMethod.Default,
                },
                TenantId = TenantId,
                ClientId = ClientId,
                ClientSecret = ClientSecret,
                CertificatePath = CertificatePath is null ? null : GetUnresolvedProviderPathFromPSPath(CertificatePath),
                CertificatePassword = CertificatePassword,
                SubscriptionId = SubscriptionId,
                Environment = Environment,
                ResourceManagerUrl = ResourceManagerUrl,
                GraphUrl = GraphUrl,
                AuthorityHost = AuthorityHost,
            };
            // The device-code message reaches the user as a warning: it is the one thing they must act on.
            WriteObject(RunOrStop((log, ct) =>
            {
                options.DeviceCodeMessage = log.Warning;
                return AzureSession.ConnectAsync(options, log, ct);
            }));
        }
    }

    /// <summary>Forgets the Azure sign-in of this session.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AstroAzure")]
    public sealed class DisconnectAstroAzureCommand : AstroCmdlet
    {
        protected override void ProcessItem() => AzureSession.Disconnect();
    }

    /// <summary>Shows the Azure environment, tenant, subscription and account this session uses.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroAzureContext")]
    [OutputType(typeof(AzureConnectionInfo))]
    public sealed class GetAstroAzureContextCommand : AstroCmdlet
    {
        protected override void ProcessItem()
        {
            if (AzureSession.Current != null) WriteObject(AzureSession.Current);
        }
    }
}

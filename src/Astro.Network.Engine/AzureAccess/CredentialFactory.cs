using System;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.AzureAccess
{
    /// <summary>Makes the Azure.Identity credential for a sign-in method, after checking the inputs it needs.</summary>
    internal static class CredentialFactory
    {
        /// <summary>The credential and a label for the method actually used (Default says which source it chose).</summary>
        public static (TokenCredential Credential, string Method) Create(AzureSignInOptions options, AzureCloudEnvironment environment, PipelineSettings settings)
        {
            switch (options.Method)
            {
                case AzureAuthMethod.ManagedIdentity:
                    return (ManagedIdentity(options, environment, settings), "ManagedIdentity");
                case AzureAuthMethod.ClientSecret:
                    Require(options.TenantId, "TenantId", options.Method);
                    Require(options.ClientId, "ClientId", options.Method);
                    if (options.ClientSecret == null || options.ClientSecret.Length == 0)
                    {
                        throw Missing("ClientSecret", options.Method);
                    }

                    return (new ClientSecretCredential(options.TenantId, options.ClientId, SecureStrings.ToPlain(options.ClientSecret),
                        Configure(new ClientSecretCredentialOptions { DisableInstanceDiscovery = environment.IsCustom }, environment, settings)), "ClientSecret");
                case AzureAuthMethod.ClientCertificate:
                    return (Certificate(options, environment, settings), "ClientCertificate");
                case AzureAuthMethod.DeviceCode:
                    var deviceOptions = Configure(new DeviceCodeCredentialOptions
                    {
                        TenantId = options.TenantId,
                        DisableInstanceDiscovery = environment.IsCustom,
                        DeviceCodeCallback = (info, ct) =>
                        {
                            options.DeviceCodeMessage?.Invoke(info.Message);
                            return Task.CompletedTask;
                        },
                    }, environment, settings);
                    if (!string.IsNullOrWhiteSpace(options.ClientId))
                    {
                        deviceOptions.ClientId = options.ClientId;
                    }

                    return (new DeviceCodeCredential(deviceOptions), "DeviceCode");
                case AzureAuthMethod.AzurePowerShell:
                    return (new AzurePowerShellCredential(Configure(new AzurePowerShellCredentialOptions { TenantId = options.TenantId }, environment, settings)), "AzurePowerShell");
                case AzureAuthMethod.AzureCli:
                    return (new AzureCliCredential(Configure(new AzureCliCredentialOptions { TenantId = options.TenantId }, environment, settings)), "AzureCli");
                case AzureAuthMethod.AzContext:
                    return (new HostTokenCredential(options.TenantId), "AzContext");
                default:
                    return Default(options, environment, settings);
            }
        }

        /// <summary>
        /// The sources of Azure.Identity's DefaultAzureCredential, in its documented order, that fit where admins run
        /// the module (shells, runbooks, pipelines, pods): environment credentials, workload identity
        /// (AZURE_FEDERATED_TOKEN_FILE), managed identity (App Service/Automation endpoint, else IMDS), Azure CLI, Azure
        /// PowerShell. Visual Studio, VS Code, azd and the interactive browser are left out.
        /// </summary>
        private static (TokenCredential, string) Default(AzureSignInOptions options, AzureCloudEnvironment environment, PipelineSettings settings)
        {
            var workload = Configure(new WorkloadIdentityCredentialOptions { DisableInstanceDiscovery = environment.IsCustom }, environment, settings);
            if (!string.IsNullOrWhiteSpace(options.TenantId))
            {
                workload.TenantId = options.TenantId;
            }

            var chain = new DefaultChain(new (string, TokenCredential)[]
            {
                ("Environment", new EnvironmentCredential(Configure(new EnvironmentCredentialOptions { DisableInstanceDiscovery = environment.IsCustom }, environment, settings))),
                ("WorkloadIdentity", new Azure.Identity.WorkloadIdentityCredential(workload)),
                ("ManagedIdentity", ProbingManagedIdentity(options, environment, settings)),
                ("AzureCli", new AzureCliCredential(Configure(new AzureCliCredentialOptions { TenantId = options.TenantId }, environment, settings))),
                ("AzurePowerShell", new AzurePowerShellCredential(Configure(new AzurePowerShellCredentialOptions { TenantId = options.TenantId }, environment, settings))),
            });
            return (chain, "Default");
        }

        /// <summary>Managed identity for the chain: the given client id, else AZURE_CLIENT_ID as DefaultAzureCredential takes it.</summary>
        private static TokenCredential ProbingManagedIdentity(AzureSignInOptions options, AzureCloudEnvironment environment, PipelineSettings settings)
        {
            var clientId = string.IsNullOrWhiteSpace(options.ClientId) ? Environment.GetEnvironmentVariable("AZURE_CLIENT_ID") : options.ClientId;
            var identity = new AzureSignInOptions { ClientId = clientId };
            return new ImdsProbingCredential(ManagedIdentity(identity, environment, settings), settings);
        }

        // Azure Automation rejects a client id for its system identity ("clientID must not be passed"): send one only when given.
        private static TokenCredential ManagedIdentity(AzureSignInOptions options, AzureCloudEnvironment environment, PipelineSettings settings)
        {
            var id = string.IsNullOrWhiteSpace(options.ClientId) ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(options.ClientId!.Trim());
            return new ManagedIdentityCredential(Configure(new ManagedIdentityCredentialOptions(id), environment, settings));
        }

        private static TokenCredential Certificate(AzureSignInOptions options, AzureCloudEnvironment environment, PipelineSettings settings)
        {
            Require(options.TenantId, "TenantId", options.Method);
            Require(options.ClientId, "ClientId", options.Method);
            Require(options.CertificatePath, "CertificatePath", options.Method);
            if (!File.Exists(options.CertificatePath))
            {
                throw new AstroNetworkException("AzureCertificateNotFound", FailureKind.ObjectNotFound, $"Certificate file '{options.CertificatePath}' does not exist.", options.CertificatePath);
            }

            var credentialOptions = Configure(new ClientCertificateCredentialOptions { DisableInstanceDiscovery = environment.IsCustom }, environment, settings);
            if (options.CertificatePassword == null || options.CertificatePassword.Length == 0)
            {
                // Azure.Identity reads PEM and password-less PFX files itself.
                return new ClientCertificateCredential(options.TenantId, options.ClientId, options.CertificatePath, credentialOptions);
            }

            try
            {
                var certificate = new X509Certificate2(options.CertificatePath, SecureStrings.ToPlain(options.CertificatePassword), X509KeyStorageFlags.DefaultKeySet);
                return new ClientCertificateCredential(options.TenantId, options.ClientId, certificate, credentialOptions);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new AstroNetworkException("AzureCertificateInvalid", FailureKind.InvalidArgument,
                    $"Could not open certificate '{options.CertificatePath}' (wrong password or not a PFX file): {ex.Message}", options.CertificatePath, ex);
            }
        }

        private static T Configure<T>(T credentialOptions, AzureCloudEnvironment environment, PipelineSettings settings)
            where T : TokenCredentialOptions
        {
            credentialOptions.AuthorityHost = environment.AuthorityHost;
            credentialOptions.Retry.MaxRetries = settings.MaxRetries;
            credentialOptions.Retry.Delay = settings.RetryDelay;
            credentialOptions.Retry.MaxDelay = settings.MaxRetryDelay;
            if (settings.Transport != null)
            {
                credentialOptions.Transport = settings.Transport;
            }

            return credentialOptions;
        }

        private static void Require(string? value, string name, AzureAuthMethod method)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw Missing(name, method);
            }
        }

        private static AstroNetworkException Missing(string name, AzureAuthMethod method) =>
            new AstroNetworkException("AzureSignInIncomplete", FailureKind.InvalidArgument, $"Signing in with {method} needs {name}.", name);
    }
}

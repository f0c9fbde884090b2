using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine
{
    /// <summary>The process-wide Azure sign-in used by every Azure cmdlet.</summary>
    public static class AzureSession
    {
        private static readonly SemaphoreSlim ImplicitConnect = new SemaphoreSlim(1, 1);
        private static AzureSignIn? current;

        public static AzureConnectionInfo? Current => current?.Connection ?? HostSignIn.Connection;

        /// <summary>Signs in, proves it with an ARM token and a subscription read, then makes the session current.</summary>
        public static async Task<AzureConnectionInfo> ConnectAsync(AzureSignInOptions options, IOperationLog log, CancellationToken ct)
        {
            var signIn = await SignInAsync(options, log, PipelineSettings.Default, ct).ConfigureAwait(false);
            current = signIn;
            return signIn.Connection;
        }

        public static void Disconnect()
        {
            current = null;
            HostSignIn.Forget();
        }

        /// <summary>The current session, else the host's Az.Accounts context, else an implicit Default-method sign-in (runbooks with a managed identity).</summary>
        internal static async Task<AzureContext> GetContextAsync(IOperationLog log, CancellationToken ct)
        {
            if (current is { } signIn)
            {
                return signIn.CreateContext(log);
            }

            if (await HostSignIn.GetSessionAsync(log, ct).ConfigureAwait(false) is { } hosted)
            {
                return hosted.CreateContext(log);
            }

            await ImplicitConnect.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (current == null)
                {
                    log.Verbose("Not connected to Azure: signing in with the default credential sources.");
                    await ConnectAsync(new AzureSignInOptions { Method = AzureAuthMethod.Default, Environment = AzureCloudEnvironment.ImplicitName() }, log, ct).ConfigureAwait(false);
                }
            }
            finally
            {
                ImplicitConnect.Release();
            }

            return current!.CreateContext(log);
        }

        /// <summary>Builds and validates a sign-in without making it current (tests pass fast pipeline settings).</summary>
        internal static async Task<AzureSignIn> SignInAsync(AzureSignInOptions options, IOperationLog log, PipelineSettings settings, CancellationToken ct)
        {
            var environment = AzureCloudEnvironment.Resolve(options);
            var (credential, method) = CredentialFactory.Create(options, environment, settings);
            foreach (var note in Announcements(environment, options.Method))
            {
                log.Warning(note);
            }

            log.Verbose($"Signing in to Azure ({environment.Name}, {method}) for {environment.ArmScope}.");
            var claims = TokenClaims.Parse(await GetTokenAsync(credential, environment.ArmScope, method, ct).ConfigureAwait(false));
            if (credential is DefaultChain { Selected: { } source })
            {
                method = $"Default ({source})";
            }

            var signIn = new AzureSignIn(environment, credential, settings);
            var info = signIn.Connection;
            info.AuthMethod = method;
            info.Account = claims.Account ?? options.ClientId ?? "unknown";
            info.ObjectId = claims.ObjectId;
            var subscription = await FindSubscriptionAsync(signIn.CreateContext(log).Arm, options.SubscriptionId, ct).ConfigureAwait(false);
            info.SubscriptionId = JsonNodes.Text(subscription?["subscriptionId"]);
            info.SubscriptionName = JsonNodes.Text(subscription?["displayName"]);
            info.TenantId = JsonNodes.Text(subscription?["tenantId"]) ?? options.TenantId ?? claims.TenantId ?? "";
            if (subscription == null)
            {
                log.Warning("The signed-in account sees no Azure subscription; commands that need one will fail until Connect-AstroAzure -SubscriptionId is used.");
            }

            log.Verbose("Connected: " + info);
            return signIn;
        }

        private static async Task<string> GetTokenAsync(TokenCredential credential, string scope, string method, CancellationToken ct)
        {
            try
            {
                var token = await credential.GetTokenAsync(new TokenRequestContext(new[] { scope }), ct).ConfigureAwait(false);
                return token.Token;
            }
            catch (Exception ex) when (ex is AuthenticationFailedException || ex is CredentialUnavailableException)
            {
                if (credential is DefaultChain { Failed: { } source })
                {
                    method = $"Default ({source})";
                }
                else if (method == "Default")
                {
                    throw DefaultChainFailed(method, ex);
                }

                throw new AstroNetworkException("AzureAuthenticationFailed", FailureKind.AuthenticationError,
                    $"Azure sign-in with {method} failed: {Reason(ex)}", method, ex)
                { RecommendedAction = "Check the tenant, client id and secret/certificate or the managed identity, then run Connect-AstroAzure again." };
            }
        }

        private const string ConnectForms =
            "Sign in once with one of: Connect-AstroAzure -Identity [-ClientId <user-assigned client id>]; "
            + "Connect-AstroAzure -TenantId <tenant> -ClientId <app> -ClientSecret <secret> (or -CertificatePath); "
            + "Connect-AstroAzure -UseDeviceAuthentication; Connect-AstroAzure -UseAzureCli after az login.";

        /// <summary>No Connect-AstroAzure yet: say which sources the implicit sign-in tried, in order, and how to sign in.</summary>
        private static AstroNetworkException DefaultChainFailed(string method, Exception ex)
        {
            const string tried = "Tried in order: the Az.Accounts context of this session (none), "
                + "environment credentials (AZURE_TENANT_ID, AZURE_CLIENT_ID with AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH), "
                + "workload identity (AZURE_FEDERATED_TOKEN_FILE with AZURE_CLIENT_ID and AZURE_TENANT_ID), "
                + "managed identity (IDENTITY_ENDPOINT, else the instance metadata service), "
                + "the Azure CLI (az login) and Azure PowerShell (Connect-AzAccount)";
            return new AstroNetworkException("AzureAuthenticationFailed", FailureKind.AuthenticationError,
                $"Not signed in to Azure, and no default source gave a token. {tried}: {ChainReasons(ex)}", method, ex)
            { RecommendedAction = ConnectForms };
        }

        /// <summary>
        /// Warnings before any token is asked for: a cloud other than the public one (custom endpoints most of all), and
        /// managed identity tokens taken from AZURE_POD_IDENTITY_AUTHORITY_HOST instead of the instance metadata service.
        /// </summary>
        private static System.Collections.Generic.IEnumerable<string> Announcements(AzureCloudEnvironment environment, AzureAuthMethod method)
        {
            if (environment.Announcement() is { } cloud)
            {
                yield return cloud;
            }

            var imds = System.Environment.GetEnvironmentVariable(ImdsProbingCredential.ImdsHostVariable);
            if ((method == AzureAuthMethod.Default || method == AzureAuthMethod.ManagedIdentity) && !string.IsNullOrWhiteSpace(imds)
                && string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT")))
            {
                yield return $"Managed identity tokens come from {imds!.Trim()} ({ImdsProbingCredential.ImdsHostVariable}), not from the instance metadata service at http://169.254.169.254.";
            }
        }

        /// <summary>One short reason per source of a chained credential ("- EnvironmentCredential ... - Azure CLI not installed"), without the guide links.</summary>
        private static string ChainReasons(Exception ex)
        {
            var reasons = ex.Message.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.StartsWith("- ", StringComparison.Ordinal))
                .Select(line => line.Substring(2))
                .Select(line => line.IndexOf(" See the troubleshooting", StringComparison.Ordinal) is var cut && cut > 0 ? line.Substring(0, cut) : line)
                .Select(line => line.TrimEnd('.'))
                .ToList();
            return reasons.Count > 0 ? string.Join("; ", reasons) + "." : Reason(ex);
        }

        /// <summary>Entra's reason (AADSTS...) often sits in an inner exception while the outer message ends in ": ".</summary>
        internal static string Reason(Exception ex)
        {
            var messages = new System.Collections.Generic.List<string>();
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (!string.IsNullOrWhiteSpace(e.Message)) messages.Add(e.Message.Trim());
            }
            var entra = messages.FirstOrDefault(m => m.IndexOf("AADSTS", StringComparison.Ordinal) >= 0);
            return entra ?? (messages.Count > 0 ? messages[messages.Count - 1] : ex.GetType().Name);
        }

        private static async Task<JsonObject?> FindSubscriptionAsync(ArmRestClient arm, string? subscriptionId, CancellationToken ct)
        {
            if (!string.IsNullOrWhiteSpace(subscriptionId))
            {
                var id = subscriptionId!.Trim();
                var response = await arm.GetAsync("subscriptions/" + Uri.EscapeDataString(id), ApiVersions.Resources, true, ct).ConfigureAwait(false);
                return response?.Object ?? throw new AstroNetworkException("AzureSubscriptionNotFound", FailureKind.ObjectNotFound,
                    $"Subscription '{id}' does not exist or the signed-in account cannot see it.", id);
            }

            return (await arm.ListAsync("subscriptions", ApiVersions.Resources, ct).ConfigureAwait(false)).FirstOrDefault();
        }
    }
}

using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Identity.Client;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.AzureAccess
{
    /// <summary>
    /// The managed identity source of the default chain, run as DefaultAzureCredential runs it: where no host endpoint
    /// is advertised (IDENTITY_ENDPOINT, MSI_ENDPOINT) only IMDS could answer (VMs, Arc, Hybrid Runbook Workers), so one
    /// request without the Metadata header and with a one-second timeout first asks whether IMDS is there: only its
    /// answer to that, 400, means yes; silence or anything else (a proxy's 403, a gateway's 502) means "unavailable" and
    /// the chain moves on at once. IMDS's 400
    /// for a token (no identity assigned) is "unavailable" too. Azure.Identity's own probe only recognises IMDS at
    /// 169.254.169.254, not at AZURE_POD_IDENTITY_AUTHORITY_HOST, hence this one.
    /// </summary>
    internal sealed class ImdsProbingCredential : TokenCredential
    {
        internal const string ImdsHostVariable = "AZURE_POD_IDENTITY_AUTHORITY_HOST";
        private const string TokenPath = "/metadata/identity/oauth2/token";
        private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);
        private readonly TokenCredential inner;
        private readonly HttpPipeline probePipeline;
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private bool? reachable;

        public ImdsProbingCredential(TokenCredential inner, PipelineSettings settings)
        {
            this.inner = inner;
            var options = new ProbeOptions();
            options.Retry.MaxRetries = 0;
            if (settings.Transport != null)
            {
                options.Transport = settings.Transport;
            }

            probePipeline = HttpPipelineBuilder.Build(options);
        }

        /// <summary>IMDS, or the host AZURE_POD_IDENTITY_AUTHORITY_HOST names instead (as Azure.Identity and MSAL read it).</summary>
        internal static Uri ImdsTokenUri() =>
            Environment.GetEnvironmentVariable(ImdsHostVariable) is { } host && !string.IsNullOrWhiteSpace(host)
                ? new UriBuilder(host.Trim()) { Path = TokenPath }.Uri
                : new Uri("http://169.254.169.254" + TokenPath);

        private static bool HostAdvertisesEndpoint() =>
            !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT")) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MSI_ENDPOINT"));

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            if (HostAdvertisesEndpoint())
            {
                return await inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
            }

            var uri = ImdsTokenUri();
            if (!await ProbeAsync(uri, cancellationToken).ConfigureAwait(false))
            {
                throw new CredentialUnavailableException($"ManagedIdentityCredential authentication unavailable. No managed identity endpoint answered at {uri.GetLeftPart(UriPartial.Authority)}.");
            }

            try
            {
                return await inner.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
            }
            catch (AuthenticationFailedException ex) when (ex.InnerException is MsalServiceException { StatusCode: 400 })
            {
                throw new CredentialUnavailableException("ManagedIdentityCredential authentication unavailable. The requested identity has not been assigned to this resource.", ex);
            }
        }

        private async Task<bool> ProbeAsync(Uri uri, CancellationToken ct)
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (reachable is bool known)
                {
                    return known;
                }

                var message = probePipeline.CreateMessage();
                message.Request.Method = RequestMethod.Get;
                message.Request.Uri.Reset(uri);
                message.Request.Uri.AppendQuery("api-version", "2018-02-01");
                message.NetworkTimeout = ProbeTimeout;
                try
                {
                    await probePipeline.SendAsync(message, ct).ConfigureAwait(false);
                    reachable = message.Response.Status == 400;
                }
                catch (Exception ex) when (ex is Azure.RequestFailedException || ex is OperationCanceledException && !ct.IsCancellationRequested || ex is System.Net.Http.HttpRequestException)
                {
                    reachable = false;
                }

                return reachable.Value;
            }
            finally
            {
                gate.Release();
            }
        }

        private sealed class ProbeOptions : ClientOptions
        {
        }
    }
}

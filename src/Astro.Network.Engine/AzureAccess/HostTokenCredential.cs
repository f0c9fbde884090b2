using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace Astro.Network.Engine.AzureAccess
{
    /// <summary>
    /// Tokens from the host's sign-in (Az.Accounts), cached per scope until five minutes before expiry. The host is
    /// asked through the sign-in bound to the running cmdlet, so a refresh happens on the next call that needs one.
    /// </summary>
    internal sealed class HostTokenCredential : TokenCredential
    {
        private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
        private readonly Dictionary<string, AccessToken> cache = new Dictionary<string, AccessToken>(StringComparer.OrdinalIgnoreCase);
        private readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private readonly string? tenantId;

        public HostTokenCredential(string? tenantId)
        {
            this.tenantId = tenantId;
        }

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var scope = string.Join(" ", requestContext.Scopes);
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (cache.TryGetValue(scope, out var cached) && cached.ExpiresOn > DateTimeOffset.UtcNow + RefreshMargin)
                {
                    return cached;
                }

                var host = HostSignIn.Bound ?? throw new CredentialUnavailableException(
                    "The Az.Accounts token needs a refresh, which only a running Astro.Network command can ask for.");
                AzureHostToken token;
                try
                {
                    token = await host.GetTokenAsync(ResourceOf(requestContext.Scopes), tenantId, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // The host's message only: Az's errors name the account and resource, never a token.
                    throw new AuthenticationFailedException("Get-AzAccessToken failed: " + ex.Message, ex);
                }

                var fresh = new AccessToken(token.Token, token.ExpiresOn);
                cache[scope] = fresh;
                return fresh;
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>Get-AzAccessToken takes a resource URL: the scope without "/.default" (ARM's keeps its trailing slash).</summary>
        internal static string ResourceOf(string[] scopes)
        {
            var scope = scopes.Length == 0 ? "" : scopes[0];
            const string suffix = "/.default";
            return scope.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) ? scope.Substring(0, scope.Length - suffix.Length) : scope;
        }
    }
}

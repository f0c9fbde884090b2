using System;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine
{
    /// <summary>
    /// Uses the host session's Azure sign-in (Az.Accounts) when the module has no explicit one. The cmdlet base binds
    /// the host for the duration of each command; the session built on it is kept while the host's context stays the same.
    /// </summary>
    public static class HostSignIn
    {
        private static readonly AsyncLocal<IAzureHostSignIn?> bound = new AsyncLocal<IAzureHostSignIn?>();
        private static readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        private static AzureSignIn? session;
        private static string? sessionKey;

        /// <summary>Makes the host reachable from engine work started by this flow until the result is disposed.</summary>
        public static IDisposable Bind(IAzureHostSignIn host)
        {
            var previous = bound.Value;
            bound.Value = host;
            return new Unbind(previous);
        }

        internal static IAzureHostSignIn? Bound => bound.Value;

        internal static AzureConnectionInfo? Connection => session?.Connection;

        internal static void Forget()
        {
            session = null;
            sessionKey = null;
        }

        /// <summary>A session on the host's context, or null when no host is bound or it has no context.</summary>
        internal static async Task<AzureSignIn?> GetSessionAsync(IOperationLog log, CancellationToken ct)
        {
            var host = bound.Value;
            var context = host == null ? null : await host.GetContextAsync(ct).ConfigureAwait(false);
            if (context == null)
            {
                return null;
            }

            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (session != null && sessionKey == context.Key)
                {
                    return session;
                }

                log.Verbose($"Not connected to Azure: using the Az.Accounts context of this session ({context.Account}, tenant {context.TenantId}).");
                var options = new AzureSignInOptions
                {
                    Method = AzureAuthMethod.AzContext,
                    TenantId = context.TenantId,
                    SubscriptionId = context.SubscriptionId,
                    Environment = AzureCloudEnvironment.ImplicitName(KnownEnvironment(context.Environment)),
                };
                session = await AzureSession.SignInAsync(options, log, PipelineSettings.Default, ct).ConfigureAwait(false);
                sessionKey = context.Key;
                return session;
            }
            finally
            {
                gate.Release();
            }
        }

        // Az's own cloud names match ours; for a custom Az environment ASTRO_AZURE_ENVIRONMENT=Custom names the ASTRO_AZURE_* URLs.
        private static string KnownEnvironment(string? name) =>
            name != null && (name.Equals("AzureUSGovernment", StringComparison.OrdinalIgnoreCase) || name.Equals("AzureChinaCloud", StringComparison.OrdinalIgnoreCase))
                ? name
                : "AzureCloud";

        private sealed class Unbind : IDisposable
        {
            private readonly IAzureHostSignIn? previous;

            public Unbind(IAzureHostSignIn? previous)
            {
                this.previous = previous;
            }

            public void Dispose() => bound.Value = previous;
        }
    }
}

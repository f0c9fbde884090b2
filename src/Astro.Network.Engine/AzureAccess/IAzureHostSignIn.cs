using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine
{
    /// <summary>
    /// A sign-in the host session already holds (the Az.Accounts context): the module borrows its tokens instead of
    /// signing in again. The engine calls it from its own threads; the implementation marshals to wherever it can ask.
    /// </summary>
    public interface IAzureHostSignIn
    {
        /// <summary>The host's current context, or null when it has none (then the module falls back to its own sign-in).</summary>
        Task<AzureHostContext?> GetContextAsync(CancellationToken ct);

        /// <summary>An access token for a resource (audience) URL such as https://management.azure.com/.</summary>
        Task<AzureHostToken> GetTokenAsync(string resourceUrl, string? tenantId, CancellationToken ct);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Identity;

namespace Astro.Network.Engine.AzureAccess
{
    /// <summary>
    /// Sources tried in order as DefaultAzureCredential tries them: the next one only when a source is unavailable
    /// (CredentialUnavailableException), none after a source that fails, and the one that answered is kept for later
    /// tokens. <see cref="Selected"/> names it, so the connection can say which source signed in.
    /// </summary>
    internal sealed class DefaultChain : TokenCredential
    {
        private readonly IReadOnlyList<(string Name, TokenCredential Credential)> sources;
        private int selected = -1;
        private int failed = -1;

        public DefaultChain(IReadOnlyList<(string Name, TokenCredential Credential)> sources)
        {
            this.sources = sources;
        }

        public string? Selected => Volatile.Read(ref selected) is var i && i >= 0 ? sources[i].Name : null;

        /// <summary>The source that was available but refused (wrong secret, untrusted federated token, ...).</summary>
        public string? Failed => Volatile.Read(ref failed) is var i && i >= 0 ? sources[i].Name : null;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            var chosen = Volatile.Read(ref selected);
            if (chosen >= 0)
            {
                return await sources[chosen].Credential.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
            }

            var reasons = new List<string>();
            for (var i = 0; i < sources.Count; i++)
            {
                try
                {
                    var token = await sources[i].Credential.GetTokenAsync(requestContext, cancellationToken).ConfigureAwait(false);
                    Volatile.Write(ref selected, i);
                    return token;
                }
                catch (CredentialUnavailableException ex)
                {
                    reasons.Add("- " + sources[i].Name + ": " + OneLine(ex.Message));
                }
                catch (AuthenticationFailedException)
                {
                    Volatile.Write(ref failed, i);
                    throw;
                }
            }

            throw new CredentialUnavailableException("No default credential source is available.\n" + string.Join("\n", reasons));
        }

        /// <summary>A nested chain's own "- reason" lines, else the message, on one line.</summary>
        private static string OneLine(string message)
        {
            var lines = message.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            var listed = lines.Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l.Substring(2)).ToList();
            return string.Join(" ", listed.Count > 0 ? listed : lines);
        }
    }
}

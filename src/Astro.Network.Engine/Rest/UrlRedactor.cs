using System;
using System.Linq;

namespace Astro.Network.Engine.Rest
{
    /// <summary>Masks query values whose names suggest a credential (SAS signatures, codes, tokens) before a URL is logged.</summary>
    internal static class UrlRedactor
    {
        private static readonly string[] SecretNameParts = { "token", "secret", "sig", "key", "password", "code", "assertion", "credential" };

        public static string Redact(Uri uri)
        {
            var builder = new UriBuilder(uri) { UserName = "", Password = "" };
            var query = uri.Query;
            if (query.Length <= 1)
            {
                return builder.Uri.GetLeftPart(UriPartial.Path);
            }

            var parts = query.Substring(1).Split('&').Select(RedactPair);
            return builder.Uri.GetLeftPart(UriPartial.Path) + "?" + string.Join("&", parts);
        }

        private static string RedactPair(string pair)
        {
            var eq = pair.IndexOf('=');
            if (eq < 0)
            {
                return pair;
            }

            var name = Uri.UnescapeDataString(pair.Substring(0, eq));
            // $skipToken is a paging cursor, not a credential.
            var secret = !name.Equals("$skipToken", StringComparison.OrdinalIgnoreCase)
                && SecretNameParts.Any(part => name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0);
            return secret ? pair.Substring(0, eq) + "=REDACTED" : pair;
        }
    }
}

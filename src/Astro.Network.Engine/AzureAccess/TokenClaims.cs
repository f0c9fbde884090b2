using System;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.AzureAccess
{
    /// <summary>Reads who a token belongs to (never the token itself) from its JWT payload; opaque tokens give nothing.</summary>
    internal sealed class TokenClaims
    {
        private readonly JsonObject? payload;

        private TokenClaims(JsonObject? payload)
        {
            this.payload = payload;
        }

        public string? TenantId => Claim("tid");

        /// <summary>UPN for users, app id for apps and managed identities, else the object id.</summary>
        public string? Account => Claim("upn") ?? Claim("unique_name") ?? Claim("preferred_username") ?? Claim("appid") ?? Claim("azp") ?? Claim("oid");

        public string? ObjectId => Claim("oid");

        /// <summary>The decoded payload as JSON (claims only; the signature and the token itself are not kept).</summary>
        public string? PayloadJson => payload?.ToJsonString();

        public static TokenClaims Parse(string token)
        {
            var parts = token.Split('.');
            if (parts.Length < 2)
            {
                return new TokenClaims(null);
            }

            try
            {
                var body = parts[1].Replace('-', '+').Replace('_', '/');
                body = body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=');
                return new TokenClaims(JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(body))) as JsonObject);
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException)
            {
                return new TokenClaims(null);
            }
        }

        private string? Claim(string name) => payload?[name] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrEmpty(s) ? s : null;
    }
}

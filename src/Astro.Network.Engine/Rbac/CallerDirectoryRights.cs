using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>
    /// Whether a Microsoft Graph access token's claims allow creating another publisher's service principal, for a
    /// readiness check before anything is written. Takes the decoded claims JSON, never the token.
    /// App tokens: `roles` holds Application.ReadWrite.All (or Directory.ReadWrite.All).
    /// User tokens: `scp` holds one of those AND `wids` holds Global Administrator, Application Administrator or
    /// Cloud Application Administrator (multi-tenant apps need the role, not just the scope).
    /// </summary>
    internal static class CallerDirectoryRights
    {
        public const string GlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
        public const string ApplicationAdministrator = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3";
        public const string CloudApplicationAdministrator = "158c047a-c907-4556-b7ef-446551a6b5f7";

        private static readonly string[] WritePermissions = { "Application.ReadWrite.All", "Directory.ReadWrite.All" };
        private static readonly string[] AdminRoles = { GlobalAdministrator, ApplicationAdministrator, CloudApplicationAdministrator };

        /// <summary>True when the claims show the right; false when they show it missing or cannot be read.</summary>
        public static bool CanCreateServicePrincipals(string graphAccessTokenClaimsJson) => Evaluate(graphAccessTokenClaimsJson).Allowed;

        public static (bool Allowed, string Reason) Evaluate(string graphAccessTokenClaimsJson)
        {
            JsonObject? claims;
            try
            {
                claims = JsonNode.Parse(graphAccessTokenClaimsJson ?? "") as JsonObject;
            }
            catch (JsonException)
            {
                claims = null;
            }

            if (claims == null)
            {
                return (false, "The Microsoft Graph token's claims could not be read.");
            }

            var roles = JsonNodes.Strings(claims["roles"]);
            var scopes = (claims["scp"] is JsonValue scp && scp.TryGetValue(out string? s) ? s : "")
                .Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            var wids = JsonNodes.Strings(claims["wids"]);
            var isUser = scopes.Length > 0 || (claims["idtyp"] is JsonValue t && t.TryGetValue(out string? kind) && kind == "user");
            if (!isUser)
            {
                return HasAny(roles, WritePermissions)
                    ? (true, "The application holds the Microsoft Graph permission Application.ReadWrite.All.")
                    : (false, "The application lacks the Microsoft Graph application permission Application.ReadWrite.All.");
            }

            if (!HasAny(scopes, WritePermissions))
            {
                return (false, "The sign-in lacks the delegated Microsoft Graph permission Application.ReadWrite.All.");
            }

            return HasAny(wids, AdminRoles)
                ? (true, "The user holds an administrator role that may create service principals of other publishers' applications.")
                : (false, "The user holds no Application Administrator, Cloud Application Administrator or Global Administrator role.");
        }

        private static bool HasAny(string[] held, string[] wanted) => held.Any(h => wanted.Contains(h, StringComparer.OrdinalIgnoreCase));
    }
}

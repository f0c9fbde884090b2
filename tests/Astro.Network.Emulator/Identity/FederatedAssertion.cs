using System.Text.Json.Nodes;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Identity;

/// <summary>
/// Workload identity federation: an external token (an AKS service account token in AZURE_FEDERATED_TOKEN_FILE, a
/// GitHub Actions OIDC token) sent as client_assertion for a user-assigned managed identity's client id is exchanged
/// for that identity's token when its iss, sub and aud equal one federated identity credential of the identity
/// (Microsoft Learn, "Workload identity federation" and "Microsoft identity platform and the OAuth 2.0 client
/// credentials flow", third case: access token request with a federated credential). The external issuer's signature
/// is not checked: the emulator cannot fetch a real issuer's keys.
/// </summary>
internal static class FederatedAssertion
{
    private const string IdentityType = "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/";

    /// <summary>The user-assigned identity with this client id (its ARM resource), or null.</summary>
    public static (string Id, JsonObject Properties)? FindIdentity(EmulatorState state, string clientId) =>
        state.Resources.All()
            .Where(r => r.Id.Contains(IdentityType, StringComparison.OrdinalIgnoreCase) && !r.Id[(r.Id.IndexOf(IdentityType, StringComparison.OrdinalIgnoreCase) + IdentityType.Length)..].Contains('/'))
            .Select(r => (r.Id, Properties: r.Body["properties"] as JsonObject ?? new JsonObject()))
            .Where(r => string.Equals((string?)r.Properties["clientId"], clientId, StringComparison.OrdinalIgnoreCase))
            .Select(r => ((string, JsonObject)?)r)
            .FirstOrDefault();

    /// <summary>Null when one of the identity's federated credentials accepts the assertion, else the AADSTS code and reason.</summary>
    public static (int Code, string Reason)? Verify(EmulatorState state, string identityId, string assertion)
    {
        JsonObject claims;
        try
        {
            var parts = assertion.Split('.');
            claims = parts.Length == 3 ? JsonNode.Parse(TokenIssuer.FromBase64Url(parts[1]))!.AsObject() : throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return (50027, "JWT token is invalid or malformed.");
        }
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if ((ClientAssertion.NumericDate(claims["exp"]) ?? 0) <= now || (ClientAssertion.NumericDate(claims["nbf"]) ?? 0) > now + 300)
        {
            return (700024, "Client assertion is not within its valid time range.");
        }
        var issuer = (string?)claims["iss"] ?? "";
        var subject = (string?)claims["sub"] ?? "";
        var audiences = claims["aud"] is JsonArray many ? many.Select(a => (string?)a ?? "").ToList() : [(string?)claims["aud"] ?? ""];
        var prefix = identityId.TrimEnd('/') + "/federatedIdentityCredentials/";
        var matched = state.Resources.All()
            .Where(r => r.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Body["properties"] as JsonObject)
            .Any(p => p is not null
                && string.Equals((string?)p["issuer"], issuer, StringComparison.Ordinal)
                && string.Equals((string?)p["subject"], subject, StringComparison.Ordinal)
                && (p["audiences"] as JsonArray ?? []).Any(a => audiences.Contains((string?)a ?? "\0")));
        return matched ? null : (70021,
            $"No matching federated identity record found for presented assertion. Assertion Issuer: '{issuer}'. Assertion Subject: '{subject}'. Assertion Audience: '{string.Join(",", audiences)}'.");
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Identity;

public enum TokenStatus { Missing, Invalid, Expired, Valid }

public sealed record TokenCheck(TokenStatus Status, string? Audience, EmulatorPrincipal? Principal);

/// <summary>Issues and checks HS256 JWTs signed with a key private to this emulator instance.</summary>
public sealed class TokenIssuer
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// Directory claims (e.g. roles, wids) of a principal for an audience, as string arrays; set by the Graph layer, which
    /// owns the directory. Informational only: services decide rights from the scenario, never from these claims.
    /// </summary>
    public Func<EmulatorPrincipal, string, IReadOnlyDictionary<string, IReadOnlyList<string>>>? DirectoryClaims { get; set; }

    public string Issue(EmulatorPrincipal principal, string audience, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = $"https://sts.windows.net/{principal.TenantId}/",
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + (long)lifetime.TotalSeconds,
            ["tid"] = principal.TenantId,
            ["oid"] = principal.ObjectId,
            ["sub"] = principal.ObjectId,
            ["idtyp"] = principal.Kind == EmulatorPrincipal.User ? "user" : "app",
            ["ver"] = "1.0",
        };
        if (principal.AppId is not null)
        {
            claims["appid"] = principal.AppId;
        }
        if (principal.Kind == EmulatorPrincipal.User && principal.Name is not null)
        {
            claims["upn"] = principal.Name;
        }
        foreach (var (name, values) in DirectoryClaims?.Invoke(principal, audience) ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            claims[name] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
        }
        claims["emu_kind"] = principal.Kind;
        return Sign(claims);
    }

    /// <summary>Signs arbitrary claims; also used for id_tokens, which MSAL reads without verifying.</summary>
    public string Sign(JsonObject claims)
    {
        var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
        var payload = Base64Url(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        var signature = Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(header + "." + payload)));
        return header + "." + payload + "." + signature;
    }

    public TokenCheck Check(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return new TokenCheck(TokenStatus.Missing, null, null);
        }
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return new TokenCheck(TokenStatus.Invalid, null, null);
        }
        var expected = Base64Url(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(parts[2])))
        {
            return new TokenCheck(TokenStatus.Invalid, null, null);
        }
        JsonObject claims;
        try
        {
            claims = JsonNode.Parse(FromBase64Url(parts[1]))!.AsObject();
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return new TokenCheck(TokenStatus.Invalid, null, null);
        }
        var principal = new EmulatorPrincipal(
            (string?)claims["oid"] ?? "", (string?)claims["tid"] ?? "", (string?)claims["appid"],
            (string?)claims["emu_kind"] ?? EmulatorPrincipal.App, (string?)claims["upn"]);
        var audience = (string?)claims["aud"];
        var exp = claims["exp"]?.GetValue<long>() ?? 0;
        var status = exp <= DateTimeOffset.UtcNow.ToUnixTimeSeconds() ? TokenStatus.Expired : TokenStatus.Valid;
        return new TokenCheck(status, audience, principal);
    }

    public static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + (4 - s.Length % 4) % 4, '='));
    }

    /// <summary>The bearer token of a request, or null.</summary>
    public static string? BearerOf(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : null;
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Identity;

/// <summary>Checks a certificate client assertion (JWT) against the app's registered certificate.</summary>
internal static class ClientAssertion
{
    /// <summary>Null when the assertion is acceptable, else the reason.</summary>
    public static string? Verify(string assertion, AzureApp app)
    {
        if (string.IsNullOrEmpty(app.CertificateThumbprint))
        {
            return "The application has no certificate credential registered.";
        }
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return "The client assertion is not a JWT.";
        }
        JsonObject header, claims;
        try
        {
            header = JsonNode.Parse(TokenIssuer.FromBase64Url(parts[0]))!.AsObject();
            claims = JsonNode.Parse(TokenIssuer.FromBase64Url(parts[1]))!.AsObject();
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return "The client assertion could not be parsed.";
        }
        var sha1 = Convert.FromHexString(app.CertificateThumbprint);
        var x5t = (string?)header["x5t"];
        var x5tS256 = (string?)header["x5t#S256"];
        var thumbprintOk = x5t == TokenIssuer.Base64Url(sha1)
            || (x5tS256 is not null && app.Certificate is not null
                && x5tS256 == TokenIssuer.Base64Url(SHA256.HashData(Convert.FromBase64String(app.Certificate))));
        if (!thumbprintOk)
        {
            return "The certificate thumbprint in the client assertion does not match a registered key.";
        }
        if ((string?)claims["iss"] != app.ClientId || (string?)claims["sub"] != app.ClientId)
        {
            return "The client assertion's iss and sub must be the client ID.";
        }
        if ((NumericDate(claims["exp"]) ?? 0) <= DateTimeOffset.UtcNow.ToUnixTimeSeconds())
        {
            return "The client assertion has expired.";
        }
        return app.Certificate is null ? null : VerifySignature(parts, (string?)header["alg"], app.Certificate);
    }

    /// <summary>A JWT time claim: MSAL.NET writes nbf/exp of its assertions as strings ("1796407225"), which Entra accepts.</summary>
    public static long? NumericDate(JsonNode? claim) => claim switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var text) && long.TryParse(text, out var parsed) => parsed,
        _ => null,
    };

    private static string? VerifySignature(string[] parts, string? alg, string certificateBase64)
    {
        using var cert = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificateBase64));
        using var rsa = cert.GetRSAPublicKey();
        var padding = alg switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            _ => null,
        };
        if (rsa is null || padding is null)
        {
            return $"Unsupported client assertion algorithm '{alg}'.";
        }
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        return rsa.VerifyData(signed, TokenIssuer.FromBase64Url(parts[2]), HashAlgorithmName.SHA256, padding)
            ? null : "The client assertion signature is invalid.";
    }
}

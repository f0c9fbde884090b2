using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace Astro.Network.Emulator.Recording;

/// <summary>Removes secrets (tokens, client secrets and assertions, identity header, scenario secrets) from recorded text.</summary>
public static partial class Redactor
{
    public const string Mask = "***";

    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "refresh_token", "id_token", "client_secret", "client_assertion", "assertion", "device_code",
        "password", "secret", "secretText", "identityHeader", "token", "sig",
    };

    private static bool IsSecretParameter(string name) => SecretNames.Contains(name) || name.Equals("code", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*")]
    private static partial Regex JwtPattern();

    /// <summary>Redacts secret query values and any known secret text in a path+query.</summary>
    public static string Url(string pathAndQuery, IReadOnlyCollection<string> secrets)
    {
        var q = pathAndQuery.IndexOf('?');
        if (q < 0)
        {
            return Text(pathAndQuery, secrets);
        }
        var query = QueryHelpers.ParseQuery(pathAndQuery[q..]);
        var pairs = query.SelectMany(p => p.Value.Select(v =>
            Uri.EscapeDataString(p.Key) + "=" + (IsSecretParameter(p.Key) ? Mask : Uri.EscapeDataString(v ?? ""))));
        return Text(pathAndQuery[..q] + "?" + string.Join('&', pairs), secrets);
    }

    /// <summary>Redacts a request/response body: secret fields of JSON or form bodies, then tokens and known secrets anywhere.</summary>
    public static string? Body(string? body, string? contentType, IReadOnlyCollection<string> secrets)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }
        if (contentType?.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            var form = QueryHelpers.ParseQuery(body);
            body = string.Join('&', form.SelectMany(p => p.Value.Select(v =>
                Uri.EscapeDataString(p.Key) + "=" + (IsSecretParameter(p.Key) ? Mask : Uri.EscapeDataString(v ?? "")))));
        }
        else if (TryParse(body) is { } json)
        {
            Scrub(json);
            body = json.ToJsonString();
        }
        return Text(body, secrets);
    }

    /// <summary>Masks JWT-shaped strings and literal secrets.</summary>
    public static string Text(string text, IReadOnlyCollection<string> secrets)
    {
        text = JwtPattern().Replace(text, Mask);
        foreach (var secret in secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
            var escaped = Uri.EscapeDataString(secret);
            if (escaped != secret)
            {
                text = text.Replace(escaped, Mask, StringComparison.Ordinal);
            }
        }
        return text;
    }

    private static JsonNode? TryParse(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (SecretNames.Contains(name) && obj[name] is JsonValue)
                    {
                        obj[name] = Mask;
                    }
                    else
                    {
                        Scrub(obj[name]);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Scrub(item);
                }
                break;
        }
    }
}

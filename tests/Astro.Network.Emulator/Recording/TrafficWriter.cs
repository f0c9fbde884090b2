using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Astro.Network.Emulator.Arm;

namespace Astro.Network.Emulator.Recording;

/// <summary>Writes ARM exchanges as oav validate-traffic files (one pair per file, real ARM host in URLs).</summary>
public sealed partial class TrafficWriter(string directory, Uri baseUri)
{
    private const string ArmHost = "https://management.azure.com/";
    private static readonly string[] ResponseHeaders = ["Content-Type", "Location", "Azure-AsyncOperation", "Retry-After", "ETag"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private int _sequence;

    [GeneratedRegex("[^A-Za-z0-9.-]+")]
    private static partial Regex Unsafe();

    /// <summary>Writes one already-redacted exchange; LRO polling calls are skipped (no operation in the specs).</summary>
    public void Write(RecordedExchange exchange, string? requestContentType, IHeaderDictionary responseHeaders)
    {
        var path = exchange.Url.Split('?')[0];
        if (ArmOperationEndpoints.IsPollingPath(ArmPath.Parse(path)))
        {
            return;
        }
        var requestHeaders = new JsonObject();
        if (requestContentType is not null)
        {
            requestHeaders["Content-Type"] = requestContentType;
        }
        if (!string.IsNullOrEmpty(exchange.UserAgent))
        {
            requestHeaders["User-Agent"] = exchange.UserAgent;
        }
        var response = new JsonObject();
        foreach (var header in ResponseHeaders)
        {
            if (responseHeaders.TryGetValue(header, out var value))
            {
                response[header] = Rehost(value.ToString());
            }
        }
        var file = new JsonObject
        {
            ["liveRequest"] = new JsonObject
            {
                ["method"] = exchange.Method,
                ["url"] = ArmHost.TrimEnd('/') + exchange.Url,
                ["headers"] = requestHeaders,
                ["body"] = Parse(exchange.RequestBody),
            },
            ["liveResponse"] = new JsonObject
            {
                ["statusCode"] = exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["headers"] = response,
                ["body"] = Parse(exchange.ResponseBody),
            },
        };
        var sequence = Interlocked.Increment(ref _sequence);
        var shortPath = string.Join('-', path.Split('/', StringSplitOptions.RemoveEmptyEntries).TakeLast(2));
        var name = $"{sequence:D5}-{exchange.Method}-{Unsafe().Replace(shortPath, "_")}";
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name[..Math.Min(name.Length, 100)] + ".json"), file.ToJsonString(Indented));
    }

    private string Rehost(string text) => text.Replace(baseUri.ToString(), ArmHost, StringComparison.OrdinalIgnoreCase);

    private JsonNode? Parse(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(Rehost(body));
        }
        catch (JsonException)
        {
            return JsonValue.Create(body);
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Faults;

/// <summary>
/// One injected failure: applies to the next <see cref="Count"/> matching requests after skipping <see cref="Skip"/>.
/// A rule with no status and no drop only adds latency.
/// </summary>
public sealed class FaultRule
{
    /// <summary>HTTP method to match; null matches any.</summary>
    public string? Method { get; set; }

    /// <summary>Case-insensitive substring of path+query to match; null matches any.</summary>
    public string? PathContains { get; set; }

    /// <summary>"astro", "arm", "graph", "entra" or "msi"; null matches any.</summary>
    public string? Service { get; set; }

    public int? Status { get; set; }
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Response body; when null with a status, the service's own error shape is used.</summary>
    public JsonNode? Body { get; set; }

    /// <summary>Response body sent byte-for-byte (e.g. malformed JSON); wins over <see cref="Body"/>.</summary>
    public string? RawBody { get; set; }

    /// <summary>Content-Type of <see cref="RawBody"/>; defaults to application/json so clients try to parse it.</summary>
    public string? ContentType { get; set; }

    public int LatencyMs { get; set; }
    public bool DropConnection { get; set; }
    public int Count { get; set; } = 1;
    public int Skip { get; set; }

    internal bool Matches(string method, string pathAndQuery, string service) =>
        (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (Service is null || Service.Equals(service, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || pathAndQuery.Contains(PathContains, StringComparison.OrdinalIgnoreCase));

    /// <summary>The injected answer for a rule with a status.</summary>
    internal IResult Respond(string service, int status)
    {
        var retryAfter = RetryAfterSeconds?.ToString(CultureInfo.InvariantCulture);
        if (RawBody is not null)
        {
            return new RawResult(status, RawBody, ContentType ?? "application/json; charset=utf-8", retryAfter);
        }
        var result = Body is null ? ServiceErrors.ForStatus(service, status) : EmulatorResult.Json(status, Body.DeepClone());
        return retryAfter is null ? result : result.WithHeader("Retry-After", retryAfter);
    }
}

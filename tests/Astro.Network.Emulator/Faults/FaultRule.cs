using System.Text.Json.Nodes;

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

    public int LatencyMs { get; set; }
    public bool DropConnection { get; set; }
    public int Count { get; set; } = 1;
    public int Skip { get; set; }

    internal bool Matches(string method, string pathAndQuery, string service) =>
        (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (Service is null || Service.Equals(service, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || pathAndQuery.Contains(PathContains, StringComparison.OrdinalIgnoreCase));
}

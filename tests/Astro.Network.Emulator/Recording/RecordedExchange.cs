namespace Astro.Network.Emulator.Recording;

/// <summary>One request the emulator answered (control API calls excluded). Secrets are already redacted.</summary>
public sealed class RecordedExchange
{
    public DateTimeOffset Time { get; init; }
    public string Method { get; init; } = "";

    /// <summary>Path and query, secrets redacted.</summary>
    public string Url { get; init; } = "";

    /// <summary>"astro", "arm", "graph", "entra" or "msi".</summary>
    public string Service { get; init; } = "";

    /// <summary>HTTP status; 0 when the connection was dropped by an injected fault.</summary>
    public int Status { get; init; }

    /// <summary>POST/PUT/PATCH/DELETE on astro, arm or graph (token endpoints are not writes).</summary>
    public bool IsWrite { get; init; }

    public string? RequestBody { get; init; }
    public string? ResponseBody { get; init; }

    /// <summary>The request's User-Agent (tells the module's calls from the tests' own).</summary>
    public string? UserAgent { get; init; }

    /// <summary>Object ID of the authenticated caller, when the service authenticated one.</summary>
    public string? PrincipalId { get; init; }
}

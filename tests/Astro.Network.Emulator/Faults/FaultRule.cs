using System.Globalization;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Faults;

/// <summary>
/// One injected failure. Deterministic: applies to the next <see cref="Count"/> matching requests after skipping
/// <see cref="Skip"/>. Probabilistic (<see cref="Probability"/> set): each matching request is hit with that probability
/// until the rule is cleared; <see cref="Seed"/> makes the draws reproducible. A rule with no status, no drop and no
/// operation failure only adds latency.
/// </summary>
public sealed class FaultRule
{
    private Random? _random;

    /// <summary>HTTP method to match; null matches any.</summary>
    public string? Method { get; set; }

    /// <summary>Match only writes (PUT, PATCH, DELETE), as the busy answers of <see cref="BusyAnswers"/> do.</summary>
    public bool WritesOnly { get; set; }

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

    /// <summary>
    /// The request is handled normally, but the long-running operation it starts ends Failed with <see cref="Body"/>
    /// as the error ({code,message}; default InternalServerError). A request that starts no operation is not hit.
    /// </summary>
    public bool OperationFails { get; set; }

    /// <summary>The request is handled (its change lands) before the status or drop replaces the answer.</summary>
    public bool AfterHandling { get; set; }

    /// <summary>
    /// ARM only: another writer's change lands just before the request is handled: this JSON merge-patch (RFC 7396,
    /// arrays replaced) is applied to the stored resource the request addresses, which gets a new ETag as on any write.
    /// A client that read before it and writes with If-Match then meets 412, as on the real service.
    /// </summary>
    public JsonObject? ConcurrentChange { get; set; }

    public int Count { get; set; } = 1;
    public int Skip { get; set; }

    /// <summary>0..1: the chance each matching request is hit; null for the deterministic count/skip form.</summary>
    public double? Probability { get; set; }

    public int? Seed { get; set; }

    /// <summary>The name this fault is counted under in the stats, e.g. "429", "409 AnotherOperationInProgress", "drop".</summary>
    public string Kind
    {
        get
        {
            var kind = ConcurrentChange is not null ? "concurrentChange"
                : OperationFails ? "operationFailed"
                : DropConnection ? "drop"
                : Status is { } status ? status.ToString(CultureInfo.InvariantCulture) + (Body?["error"]?["code"] is JsonValue code ? " " + code : "")
                : "latency";
            return AfterHandling ? kind + " after handling" : kind;
        }
    }

    internal void Validate()
    {
        if (Count < 1 || Skip < 0)
        {
            throw new ArgumentException("A fault needs count >= 1 and skip >= 0.");
        }
        if (Probability is { } p && (double.IsNaN(p) || p < 0 || p > 1))
        {
            throw new ArgumentException("A fault's probability must be between 0 and 1.");
        }
        if (ConcurrentChange is not null && (OperationFails || DropConnection || Status is not null))
        {
            throw new ArgumentException("concurrentChange cannot be combined with status, dropConnection or operationFails.");
        }
        if (OperationFails && (DropConnection || Status is not null || AfterHandling))
        {
            throw new ArgumentException("operationFails cannot be combined with status, dropConnection or afterHandling.");
        }
    }

    internal bool Matches(string method, string pathAndQuery, string service) =>
        (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (!WritesOnly || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
        && (Service is null || Service.Equals(service, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || pathAndQuery.Contains(PathContains, StringComparison.OrdinalIgnoreCase));

    /// <summary>One draw for a probabilistic rule (the caller holds the injector's lock).</summary>
    internal bool Draw(double p)
    {
        _random ??= Seed is { } seed ? new Random(seed) : new Random();
        return _random.NextDouble() < p;
    }

    /// <summary>The error a failed operation reports.</summary>
    internal JsonObject OperationError() =>
        Body?["error"] as JsonObject is { } wrapped ? (JsonObject)wrapped.DeepClone()
        : Body as JsonObject is { } flat ? (JsonObject)flat.DeepClone()
        : new JsonObject { ["code"] = "InternalServerError", ["message"] = "An internal error occurred while processing the operation." };

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

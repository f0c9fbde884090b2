using System.Text.Json;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Arm;

/// <summary>One ARM resource request as a handler sees it, with the shared helpers (errors, paging, ETags, LRO).</summary>
public sealed class ArmRequestContext
{
    public required HttpContext Http { get; init; }
    public required EmulatorState State { get; init; }

    /// <summary>The addressed resource or collection (for an action, the resource the action is on).</summary>
    public required ArmPath Path { get; init; }

    /// <summary>Action name for POST {resourceId}/{action} (e.g. "listKeys"), otherwise null.</summary>
    public string? Action { get; init; }

    public required string ApiVersion { get; init; }
    public required EmulatorPrincipal Principal { get; init; }

    public string Method => Http.Request.Method;
    public ArmResourceStore Store => State.Resources;

    /// <summary>The resource ID as addressed (item requests only).</summary>
    public string ResourceId => Path.Path;

    public string? IfMatch => Header("If-Match");
    public string? IfNoneMatch => Header("If-None-Match");

    /// <summary>The JSON object body, or null when the body is empty. Malformed JSON throws <see cref="ArmRequestException"/>.</summary>
    public async Task<JsonObject?> ReadJsonAsync()
    {
        using var reader = new StreamReader(Http.Request.Body);
        var text = await reader.ReadToEndAsync(Http.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new ArmRequestException(ArmErrors.InvalidRequestContent("The request content must be a JSON object."));
        }
        catch (JsonException e)
        {
            throw new ArmRequestException(ArmErrors.InvalidRequestContent($"The request content was invalid and could not be deserialized: '{e.Message}'."));
        }
    }

    public EmulatorResult Ok(JsonNode body, int status = 200) => EmulatorResult.Json(status, body);

    public EmulatorResult Error(int status, string code, string message) => ArmErrors.Error(status, code, message);

    public EmulatorResult NotFound() => ArmErrors.ResourceNotFound(ResourceId);

    public EmulatorResult PreconditionFailed() => ArmErrors.PreconditionFailed(ResourceId);

    /// <summary>A list response: {"value":[...],"nextLink"} paged by the scenario's pageSize via $skiptoken.</summary>
    public EmulatorResult Page(IEnumerable<JsonNode> items) => ArmPaging.Page(Http, State, items);

    /// <summary>
    /// Registers a long-running operation and answers <paramref name="status"/> with an Azure-AsyncOperation and/or Location
    /// header plus Retry-After. <paramref name="complete"/> runs when the operation finishes (after the configured polls);
    /// <paramref name="finalResult"/> is what the Location URL returns at the end (null: 204).
    /// </summary>
    public EmulatorResult LongRunning(int status, JsonNode? body, Action? complete, Func<JsonNode?>? finalResult = null,
        bool asyncOperationHeader = true, bool locationHeader = false, string? location = null, JsonObject? error = null,
        Action? failed = null, string? resourceId = null, string? runningStatus = null, int emptyResultStatus = 204)
    {
        var operation = new ArmOperation
        {
            SubscriptionId = Path.SubscriptionId ?? "",
            Namespace = Path.Namespace ?? "Microsoft.Resources",
            Location = (location ?? "eastus").Replace(" ", "").ToLowerInvariant(),
            Complete = complete,
            Failed = failed,
            ResourceId = resourceId,
            FinalResult = finalResult,
            RunningStatus = runningStatus,
            EmptyResultStatus = emptyResultStatus,
            Error = error ?? Faults.FaultResponder.TakeOperationError(Http),
        };
        State.Operations.Start(operation, State.Settings.LroPollsBeforeDone);
        var result = EmulatorResult.Json(status, body)
            .WithHeader("Retry-After", State.Settings.LroRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (asyncOperationHeader)
        {
            result.WithHeader("Azure-AsyncOperation", OperationUrl(operation, "operations"));
        }
        if (locationHeader)
        {
            result.WithHeader("Location", OperationUrl(operation, "operationResults"));
        }
        return result;
    }

    public string OperationUrl(ArmOperation operation, string kind) =>
        ArmOperationEndpoints.Url(State.BaseUri, operation, kind, ApiVersion);

    private string? Header(string name) => Http.Request.Headers.TryGetValue(name, out var v) ? v.ToString() : null;
}

/// <summary>Thrown by helpers to end a request with an ARM error.</summary>
public sealed class ArmRequestException(EmulatorResult result) : Exception("ARM request rejected")
{
    public EmulatorResult Result { get; } = result;
}

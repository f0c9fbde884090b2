using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Arm;

/// <summary>
/// LRO polling URLs: {sub}/providers/{ns}/locations/{loc}/operations/{id} (Azure-AsyncOperation: always 200 with status)
/// and .../operationResults/{id} (Location: 202 while running, then the final 200/204 or the failure).
/// </summary>
internal static class ArmOperationEndpoints
{
    public static string Url(Uri baseUri, ArmOperation op, string kind, string apiVersion)
    {
        var scope = op.SubscriptionId.Length > 0 ? $"subscriptions/{op.SubscriptionId}/" : "";
        return new Uri(baseUri, $"{scope}providers/{op.Namespace}/locations/{op.Location}/{kind}/{op.Id}?api-version={Uri.EscapeDataString(apiVersion)}").ToString();
    }

    /// <summary>True when <paramref name="path"/> is one of the two polling URLs.</summary>
    public static bool IsPollingPath(ArmPath path) =>
        path is { IsResource: true, IsCollection: false }
        && (path.ResourceType!.EndsWith("/locations/operations", StringComparison.OrdinalIgnoreCase)
            || path.ResourceType.EndsWith("/locations/operationResults", StringComparison.OrdinalIgnoreCase));

    public static EmulatorResult Handle(ArmPath path, EmulatorState state, HttpContext context)
    {
        var op = state.Operations.Find(path.Name!);
        if (op is null || !string.Equals(op.SubscriptionId, path.SubscriptionId ?? "", StringComparison.OrdinalIgnoreCase))
        {
            return ArmErrors.Error(404, "OperationNotFound", $"The operation '{path.Name}' could not be found.");
        }
        state.Operations.Poll(op.Id);
        if (path.ResourceType!.EndsWith("operations", StringComparison.OrdinalIgnoreCase))
        {
            var body = new JsonObject
            {
                ["id"] = path.Path,
                ["name"] = op.Id,
                ["status"] = op.Status == "InProgress" ? op.RunningStatus ?? op.Status : op.Status,
                ["startTime"] = op.StartTime.ToString("O"),
            };
            if (op.EndTime is { } end)
            {
                body["endTime"] = end.ToString("O");
            }
            if (op.Error is not null && op.Status == "Failed")
            {
                body["error"] = op.Error.DeepClone();
            }
            return EmulatorResult.Json(200, body);
        }
        return op.Status switch
        {
            "InProgress" => EmulatorResult.Empty(202)
                .WithHeader("Location", new Uri(state.BaseUri, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString).ToString())
                .WithHeader("Retry-After", state.Settings.LroRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "Failed" => EmulatorResult.Json(op.FailureStatusCode, new JsonObject { ["error"] = op.Error!.DeepClone() }),
            _ => op.FinalResult?.Invoke() is { } final ? EmulatorResult.Json(200, final) : EmulatorResult.Empty(op.EmptyResultStatus),
        };
    }
}

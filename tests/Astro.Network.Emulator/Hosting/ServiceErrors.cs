using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Hosting;

/// <summary>The error body each emulated service uses, so emulated and injected failures look alike.</summary>
public static class ServiceErrors
{
    public static EmulatorResult Arm(int status, string code, string message) =>
        EmulatorResult.Json(status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    public static EmulatorResult Astro(int status, string message) =>
        EmulatorResult.Json(status, new JsonObject
        {
            ["message"] = message,
            ["requestId"] = Guid.NewGuid().ToString("N")[..26],
            ["statusCode"] = status,
        });

    public static EmulatorResult Graph(int status, string code, string message) =>
        EmulatorResult.Json(status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = message,
                ["innerError"] = new JsonObject
                {
                    ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss"),
                    ["request-id"] = Guid.NewGuid().ToString(),
                    ["client-request-id"] = Guid.NewGuid().ToString(),
                },
            },
        });

    /// <summary>Entra (OAuth2) error: {"error","error_description","error_codes",...}.</summary>
    public static EmulatorResult Entra(int status, string error, int aadsts, string description) =>
        EmulatorResult.Json(status, new JsonObject
        {
            ["error"] = error,
            ["error_description"] = $"AADSTS{aadsts}: {description} Trace ID: {Guid.NewGuid()} Correlation ID: {Guid.NewGuid()} Timestamp: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ssZ}",
            ["error_codes"] = new JsonArray(aadsts),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ssZ"),
            ["trace_id"] = Guid.NewGuid().ToString(),
            ["correlation_id"] = Guid.NewGuid().ToString(),
        });

    /// <summary>The generic error of <paramref name="service"/> for a bare status (used by fault injection).</summary>
    public static EmulatorResult ForStatus(string service, int status)
    {
        var code = status switch
        {
            400 => "BadRequest",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "NotFound",
            409 => "Conflict",
            412 => "PreconditionFailed",
            429 => "TooManyRequests",
            503 => "ServiceUnavailable",
            504 => "GatewayTimeout",
            _ => status >= 500 ? "InternalServerError" : "Error",
        };
        var message = $"Injected failure ({status} {code}).";
        return service switch
        {
            Services.Astro => Astro(status, message),
            Services.Graph => Graph(status, code, message),
            Services.Entra or Services.Msi => Entra(status, status == 429 ? "temporarily_unavailable" : "server_error", 90000 + status, message),
            _ => Arm(status, code, message),
        };
    }
}

using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Graph;

/// <summary>Graph's error replies shared by the handlers (codes and messages as Graph v1.0 answers them).</summary>
internal static class GraphReplies
{
    public static EmulatorResult NotFound(string id) => ServiceErrors.Graph(404, "Request_ResourceNotFound",
        $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    public static EmulatorResult Forbidden() =>
        ServiceErrors.Graph(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");

    public static EmulatorResult MethodNotAllowed() =>
        ServiceErrors.Graph(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");

    public static EmulatorResult InvalidObjectId(string id) => ServiceErrors.Graph(400, "Request_BadRequest", $"Invalid object identifier '{id}'.");

    public static EmulatorResult UnreadableBody() => ServiceErrors.Graph(400, "BadRequest",
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");

    public static bool IsObjectId(string id) => Guid.TryParse(id, out _);
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Hosting;

/// <summary>A JSON (or empty) response with exact control over status, headers and body bytes.</summary>
public sealed class EmulatorResult : IResult
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public EmulatorResult(int status, JsonNode? body = null, string contentType = "application/json; charset=utf-8")
    {
        Status = status;
        Body = body;
        ContentType = contentType;
    }

    public int Status { get; }
    public JsonNode? Body { get; }
    public string ContentType { get; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public EmulatorResult WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public static EmulatorResult Json(int status, JsonNode? body) => new(status, body);

    public static EmulatorResult Empty(int status) => new(status);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }
        if (Body is null)
        {
            response.ContentLength = 0;
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(Body.ToJsonString(Compact));
        response.ContentType = ContentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}

using System.Text;

namespace Astro.Network.Emulator.Faults;

/// <summary>A response whose body is sent exactly as given, for hostile-input tests (malformed JSON, HTML error pages).</summary>
internal sealed class RawResult(int status, string body, string contentType, string? retryAfter) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        if (retryAfter is not null)
        {
            response.Headers["Retry-After"] = retryAfter;
        }
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}

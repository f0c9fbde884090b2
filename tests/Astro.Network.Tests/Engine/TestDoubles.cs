using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Astro.Network.Engine;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Engine.Rest;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Astro.Network.Tests.Engine;

/// <summary>Collects everything the engine logs, so tests can check lines are there and carry no secret.</summary>
internal sealed class RecordingLog : IOperationLog
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public void Verbose(string message) => Lines.Enqueue("VERBOSE: " + message);

    public void Warning(string message) => Lines.Enqueue("WARNING: " + message);

    public void Progress(string activity, string status, int percentComplete) => Lines.Enqueue($"PROGRESS: {activity} {status}");

    public string All => string.Join("\n", Lines);
}

/// <summary>An HTTP handler answering from a script, recording each request (for unit tests without the emulator).</summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, int, HttpResponseMessage> answer;

    public ScriptedHandler(Func<HttpRequestMessage, int, HttpResponseMessage> answer) => this.answer = answer;

    public List<(string Method, string Url, string? Body, string? Authorization, string? IfMatch)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method.Method, request.RequestUri!.AbsoluteUri, body, request.Headers.Authorization?.ToString(),
                request.Headers.TryGetValues("If-Match", out var m) ? m.Single() : null));
            return answer(request, Requests.Count);
        }
    }

    public static HttpResponseMessage Respond(int status, string? json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status);
        if (json != null)
        {
            response.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}

/// <summary>A credential that hands out a fixed, recognisable JWT-shaped token.</summary>
internal sealed class StaticCredential : TokenCredential
{
    // header {"alg":"none"} . payload {"tid":"t-1","appid":"app-1"} . signature
    public const string Token = "eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ0LTEiLCJhcHBpZCI6ImFwcC0xIn0.c2VjcmV0LXNpZ25hdHVyZQ";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}

internal static class FastSettings
{
    public static PipelineSettings Create(HttpMessageHandler? handler = null) => new()
    {
        MaxRetries = 3,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
        PollDelay = TimeSpan.FromMilliseconds(10),
        MaxPollDelay = TimeSpan.FromMilliseconds(200),
        Transport = handler == null ? null : new HttpClientTransport(new HttpClient(handler)),
    };

    /// <summary>An ARM/Graph context at a fake https host served by <paramref name="handler"/>.</summary>
    public static AzureContext FakeAzure(ScriptedHandler handler, IOperationLog log)
    {
        var environment = new AzureCloudEnvironment("Custom", "https://arm.test/", "https://management.azure.com/", "https://arm.test/graph/",
            "https://graph.microsoft.com", "https://login.test/", true);
        return new AzureSignIn(environment, new StaticCredential(), Create(handler)).CreateContext(log);
    }
}

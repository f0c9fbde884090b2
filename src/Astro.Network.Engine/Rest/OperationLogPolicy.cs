using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Astro.Network.Engine.Rest
{
    /// <summary>
    /// One verbose line per HTTP attempt: method, URL (secret-looking query values masked), status, duration and the
    /// service's request id. Headers and bodies are never logged, so tokens cannot leak through it.
    /// </summary>
    internal sealed class OperationLogPolicy : HttpPipelinePolicy
    {
        private const string LogProperty = "Astro.Network.OperationLog";

        private static readonly string[] RequestIdHeaders = { "x-ms-request-id", "x-ms-correlation-request-id", "request-id", "x-request-id" };

        public static void Attach(HttpMessage message, IOperationLog log) => message.SetProperty(LogProperty, log);

        public static IOperationLog? LogOf(HttpMessage message) => message.TryGetProperty(LogProperty, out var value) ? value as IOperationLog : null;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, false).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, true);

        private static async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
        {
            var log = LogOf(message);
            var what = message.Request.Method + " " + UrlRedactor.Redact(message.Request.Uri.ToUri());
            var watch = Stopwatch.StartNew();
            try
            {
                if (async)
                {
                    await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                }
                else
                {
                    ProcessNext(message, pipeline);
                }
            }
            catch (Exception ex) when (log != null)
            {
                log.Verbose(string.Format(CultureInfo.InvariantCulture, "HTTP {0} failed after {1} ms: {2}", what, watch.ElapsedMilliseconds, ex.GetType().Name));
                throw;
            }

            if (log != null)
            {
                // Services that name no request id (the Astro API) still get the id this client sent, for correlation.
                var requestId = RequestIdOf(message.Response);
                log.Verbose(string.Format(
                    CultureInfo.InvariantCulture,
                    "HTTP {0} -> {1} in {2} ms ({3} {4})",
                    what,
                    message.Response.Status,
                    watch.ElapsedMilliseconds,
                    requestId == null ? "client request id" : "request id",
                    requestId ?? message.Request.ClientRequestId));
            }
        }

        internal static string? RequestIdOf(Response response)
        {
            foreach (var name in RequestIdHeaders)
            {
                if (response.Headers.TryGetValue(name, out var id) && !string.IsNullOrEmpty(id))
                {
                    return id;
                }
            }

            return null;
        }
    }
}

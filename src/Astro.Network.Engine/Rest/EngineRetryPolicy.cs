using System;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Astro.Network.Engine.Rest
{
    /// <summary>
    /// Retries one HTTP request per <see cref="RetryClassification"/> with the waits of <see cref="PipelineSettings"/>,
    /// logging each retry (method, redacted URL, reason, wait). Replaces Azure.Core's policy, which retries POST like
    /// any other method and honours Retry-After without bound.
    /// </summary>
    internal sealed class EngineRetryPolicy : HttpPipelinePolicy
    {
        private readonly PipelineSettings settings;
        private readonly Random jitter = new Random();

        public EngineRetryPolicy(PipelineSettings settings)
        {
            this.settings = settings;
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, false).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, true);

        private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
        {
            for (var retry = 0; ; retry++)
            {
                Exception? failure = null;
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
                catch (Exception ex)
                {
                    failure = ex;
                }

                var reason = retry < settings.MaxRetries && (failure != null || message.Response.IsError)
                    ? RetryClassification.Classify(message, failure)
                    : null;
                if (reason == null)
                {
                    if (failure != null)
                    {
                        ExceptionDispatchInfo.Capture(failure).Throw();
                    }

                    return;
                }

                var retryAfter = failure == null ? RetryClassification.RetryAfter(name => message.Response.Headers.TryGetValue(name, out var v) ? v : null) : null;
                var wait = RetryClassification.Delay(settings, reason, retry, retryAfter, NextJitter());
                OperationLogPolicy.LogOf(message)?.Verbose(string.Format(CultureInfo.InvariantCulture, "Retrying {0} {1} after {2} in {3} ms (retry {4} of {5}).",
                    message.Request.Method, UrlRedactor.Redact(message.Request.Uri.ToUri()), reason.Text, (long)wait.TotalMilliseconds, retry + 1, settings.MaxRetries));
                if (failure == null)
                {
                    message.Response.ContentStream?.Dispose();
                }

                await Task.Delay(wait, message.CancellationToken).ConfigureAwait(false);
            }
        }

        private double NextJitter()
        {
            lock (jitter)
            {
                return 0.8 + (0.4 * jitter.NextDouble());
            }
        }
    }
}

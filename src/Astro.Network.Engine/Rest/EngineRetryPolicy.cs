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
    /// logging each retry (method, redacted URL, reason, wait). Transient failures get a few quick retries; busy and
    /// throttled answers wait longer, honour Retry-After in full, and are bounded by the operation's busy timeout
    /// (<see cref="BusyScope"/>) instead of a count. Replaces Azure.Core's policy, which retries POST like any other method.
    /// </summary>
    internal sealed class EngineRetryPolicy : HttpPipelinePolicy
    {
        private readonly PipelineSettings settings;
        private readonly bool waitsForBusy;
        private readonly Random jitter = new Random();

        /// <param name="waitsForBusy">False for the Astro API: its 429s get the few quick retries of a transient failure.</param>
        public EngineRetryPolicy(PipelineSettings settings, bool waitsForBusy = true)
        {
            this.settings = settings;
            this.waitsForBusy = waitsForBusy;
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, false).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline, true);

        private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
        {
            BusyScope? budget = null;
            for (int retry = 0, busyRetry = 0; ; )
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

                var reason = failure != null || message.Response.IsError ? RetryClassification.Classify(message, failure) : null;
                TimeSpan wait;
                if (reason != null && reason.Busy && waitsForBusy)
                {
                    budget ??= BusyScope.Current ?? BusyScope.Detached(settings.BusyTimeout);
                    if (reason.Kind == AnswerKind.Throttled)
                    {
                        budget.Throttled();
                    }

                    var busyWait = BusyWait(message, reason, budget, busyRetry++);
                    if (busyWait == null)
                    {
                        return;
                    }

                    wait = busyWait.Value;
                }
                else if (reason != null && retry < settings.MaxRetries)
                {
                    wait = RetryClassification.Backoff(settings.RetryDelay, retry++, NextJitter(), settings.MaxRetryDelay);
                    var asked = failure == null ? RetryAfterOf(message) : null;
                    wait = asked > wait ? (asked > settings.MaxBusyRetryDelay ? settings.MaxBusyRetryDelay : asked.Value) : wait;
                    OperationLogPolicy.LogOf(message)?.Verbose(string.Format(CultureInfo.InvariantCulture, "Retrying {0} {1} after {2} in {3} ms (retry {4} of {5}).",
                        message.Request.Method, UrlRedactor.Redact(message.Request.Uri.ToUri()), reason.Text, (long)wait.TotalMilliseconds, retry, settings.MaxRetries));
                }
                else
                {
                    if (failure != null)
                    {
                        ExceptionDispatchInfo.Capture(failure).Throw();
                    }

                    return;
                }

                if (failure == null)
                {
                    message.Response.ContentStream?.Dispose();
                }

                await Task.Delay(wait, message.CancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// How long to wait before sending a busy-refused request again: our own growing pause or the service's
        /// Retry-After, whichever is longer, within what is left of the busy timeout. Null when the answer stands: the
        /// timeout is spent, or Retry-After asks for more than is left (the reason is kept for the error).
        /// </summary>
        private TimeSpan? BusyWait(HttpMessage message, RetryReason reason, BusyScope budget, int busyRetry)
        {
            var asked = RetryAfterOf(message);
            var left = budget.Remaining;
            var timeout = Seconds(budget.Timeout);
            if (asked > left || left <= TimeSpan.Zero)
            {
                message.SetProperty(GaveUpProperty, asked > left
                    ? $"It asked to be retried after {Seconds(asked.Value)} s, more than the {Seconds(left)} s left of the busy timeout ({timeout} s), so the request was not sent again."
                    : $"It stayed busy for the whole busy timeout ({timeout} s).");
                return null;
            }

            var own = RetryClassification.Backoff(settings.BusyRetryDelay, busyRetry, NextJitter(), settings.MaxBusyRetryDelay);
            var wait = asked > own ? asked.Value : own;
            wait = wait > left ? left : wait;
            var what = reason.Kind == AnswerKind.Throttled ? "is throttling requests" : "reports the resource busy";
            OperationLogPolicy.LogOf(message)?.Verbose(string.Format(CultureInfo.InvariantCulture,
                "The service {0} for {1} ({2}{3}): waiting {4} s{5} before sending {6} again; {7} s left of the busy timeout.",
                what, message.Request.Uri.ToUri().AbsolutePath, reason.Text, reason.ServiceMessage == null ? "" : ": " + reason.ServiceMessage,
                Seconds(wait), asked == null ? "" : " (Retry-After " + Seconds(asked.Value) + " s)", message.Request.Method, Seconds(left)));
            return wait;
        }

        /// <summary>Why a busy answer was given back to the caller instead of retried (read by <see cref="RestChannel"/>).</summary>
        internal const string GaveUpProperty = "Astro.Network.BusyGaveUp";

        private static TimeSpan? RetryAfterOf(HttpMessage message) =>
            RetryClassification.RetryAfter(name => message.Response.Headers.TryGetValue(name, out var v) ? v : null);

        private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

        private double NextJitter()
        {
            lock (jitter)
            {
                return 0.8 + (0.4 * jitter.NextDouble());
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;

namespace Astro.Network.Engine.Rest
{
    /// <summary>
    /// Which failures are worth another try, and how long to wait first. A request is retried as sent; a long-running
    /// operation that ended Failed with a transient code is restarted by its caller from a fresh read (the plan may be stale).
    /// </summary>
    internal static class RetryClassification
    {
        private static readonly HashSet<int> TransientStatuses = new HashSet<int> { 408, 429, 500, 502, 503, 504 };

        /// <summary>409 codes meaning "not now" (the request was refused, nothing changed): retried after a longer pause.</summary>
        private static readonly HashSet<string> BusyCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "AnotherOperationInProgress", "RetryableError",
            // Federated identity credentials: one write at a time per identity (Microsoft Learn, FIC considerations: 409).
            "ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity",
        };

        /// <summary>Error codes of a Failed long-running operation that a fresh attempt can get past.</summary>
        private static readonly HashSet<string> TransientOperationCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "InternalServerError", "InternalError", "InternalOperationError", "ServiceUnavailable", "GatewayTimeout",
            "TooManyRequests", "RetryableError", "AnotherOperationInProgress", "OperationPreempted",
        };

        /// <summary>Why this attempt should be retried, or null. POST is retried only when refused unprocessed (429, busy 409).</summary>
        public static RetryReason? Classify(HttpMessage message, Exception? failure)
        {
            var idempotent = message.Request.Method != RequestMethod.Post;
            if (failure != null)
            {
                var transport = failure is System.IO.IOException || failure is Azure.RequestFailedException
                    || (failure is OperationCanceledException && !message.CancellationToken.IsCancellationRequested);
                return idempotent && transport ? new RetryReason("connection failed (" + failure.GetType().Name + ")", busy: false) : null;
            }

            if (!message.HasResponse)
            {
                return null;
            }

            var status = message.Response.Status;
            if (status == 409 && ErrorCode(message.Response.Content) is { } code && BusyCodes.Contains(code))
            {
                return new RetryReason("409 " + code, busy: true);
            }

            return TransientStatuses.Contains(status) && (idempotent || status == 429)
                ? new RetryReason(status.ToString(CultureInfo.InvariantCulture), busy: false)
                : null;
        }

        /// <summary>Exponential from the base delay (busy 409s start higher), jittered, capped; a Retry-After wins up to its cap.</summary>
        public static TimeSpan Delay(PipelineSettings settings, RetryReason reason, int retry, TimeSpan? retryAfter, double jitter)
        {
            var start = reason.Busy ? settings.ConflictRetryDelay : settings.RetryDelay;
            var ticks = Math.Min(start.Ticks * Math.Pow(2, Math.Min(retry, 30)) * jitter, settings.MaxRetryDelay.Ticks);
            var own = TimeSpan.FromTicks((long)Math.Max(0, ticks));
            if (retryAfter is { } asked)
            {
                var bounded = asked > settings.MaxRetryAfter ? settings.MaxRetryAfter : asked;
                return bounded > own ? bounded : own;
            }

            return own;
        }

        /// <summary>True for a long-running operation that ended Failed with a transient code: start over from a fresh read.</summary>
        public static bool RestartsOperation(AstroNetworkException error) =>
            error.ErrorId == ArmLroPoller.OperationFailedErrorId && error.ServiceCode != null && TransientOperationCodes.Contains(error.ServiceCode);

        /// <summary>retry-after-ms, x-ms-retry-after-ms, then Retry-After (seconds or an HTTP date); null when absent.</summary>
        public static TimeSpan? RetryAfter(Func<string, string?> header)
        {
            foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
            {
                if (double.TryParse(header(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
                {
                    return TimeSpan.FromMilliseconds(ms);
                }
            }

            var value = header("Retry-After");
            if (value == null)
            {
                return null;
            }

            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
                ? (when > DateTimeOffset.UtcNow ? when - DateTimeOffset.UtcNow : TimeSpan.Zero)
                : null;
        }

        private static string? ErrorCode(BinaryData? content)
        {
            if (content == null || content.ToMemory().Length == 0)
            {
                return null;
            }

            try
            {
                return ServiceErrors.Parse(JsonNode.Parse(content.ToString())).Code;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    internal sealed class RetryReason
    {
        public RetryReason(string text, bool busy)
        {
            Text = text;
            Busy = busy;
        }

        public string Text { get; }

        public bool Busy { get; }
    }
}

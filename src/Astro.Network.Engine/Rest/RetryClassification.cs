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
        /// <summary>Error codes of a Failed long-running operation that a fresh attempt can get past.</summary>
        private static readonly HashSet<string> TransientOperationCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "InternalServerError", "InternalError", "InternalOperationError", "ServiceUnavailable", "GatewayTimeout",
            "TooManyRequests", "RetryableError", "AnotherOperationInProgress", "OperationPreempted",
        };

        /// <summary>
        /// Why this attempt should be retried, or null. Busy and throttled answers were refused unprocessed, so every
        /// method is retried (within the busy timeout); a transient one only when idempotent (not POST).
        /// </summary>
        public static RetryReason? Classify(HttpMessage message, Exception? failure)
        {
            var idempotent = message.Request.Method != RequestMethod.Post;
            if (failure != null)
            {
                var transport = failure is System.IO.IOException || failure is Azure.RequestFailedException
                    || (failure is OperationCanceledException && !message.CancellationToken.IsCancellationRequested);
                return idempotent && transport ? new RetryReason("connection failed (" + failure.GetType().Name + ")", AnswerKind.Transient, null) : null;
            }

            if (!message.HasResponse)
            {
                return null;
            }

            var status = message.Response.Status;
            var (code, text) = ErrorOf(message.Response.Content);
            var kind = BusyClassification.Classify(status, code, text);
            var named = status.ToString(CultureInfo.InvariantCulture) + (code == null ? "" : " " + code);
            return BusyClassification.IsBusy(kind) || (kind == AnswerKind.Transient && idempotent)
                ? new RetryReason(named, kind, text)
                : null;
        }

        /// <summary>Exponential from the base delay (busy answers start higher), jittered, capped at <paramref name="cap"/>.</summary>
        public static TimeSpan Backoff(TimeSpan start, int retry, double jitter, TimeSpan cap)
        {
            var ticks = Math.Min(start.Ticks * Math.Pow(2, Math.Min(retry, 30)) * jitter, cap.Ticks);
            return TimeSpan.FromTicks((long)Math.Max(0, ticks));
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

        private static (string? Code, string? Message) ErrorOf(BinaryData? content)
        {
            if (content == null || content.ToMemory().Length == 0)
            {
                return (null, null);
            }

            try
            {
                var (code, text, _) = ServiceErrors.Parse(JsonNode.Parse(content.ToString()));
                return (code, text);
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }
    }

    internal sealed class RetryReason
    {
        public RetryReason(string text, AnswerKind kind, string? serviceMessage)
        {
            Text = text;
            Kind = kind;
            ServiceMessage = serviceMessage;
        }

        /// <summary>The status and the service's error code, e.g. "409 OperationInterrupted".</summary>
        public string Text { get; }

        public AnswerKind Kind { get; }

        public bool Busy => BusyClassification.IsBusy(Kind);

        public string? ServiceMessage { get; }
    }
}

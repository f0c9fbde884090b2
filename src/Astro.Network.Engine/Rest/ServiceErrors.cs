using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Rest
{
    /// <summary>
    /// Turns a failed response of any service into an <see cref="AstroNetworkException"/>. Accepts ARM/Graph wrapped
    /// bodies {"error":{code,message}}, flat {code,message} (Cosmos, some Network ops) and Astro's {message,statusCode,requestId}.
    /// </summary>
    internal static class ServiceErrors
    {
        public static AstroNetworkException FromResponse(RestService service, RestResponse response, object? target = null, string? notFoundErrorId = null)
        {
            var (code, message, requestId) = Parse(response.Body);
            var status = response.Status;
            // The Astro API is not an Azure service: its 429 stays an ordinary failure (its pipeline does not wait for busy).
            if (service != RestService.Astro && BusyClassification.IsBusy(BusyClassification.Classify(status, code, message)))
            {
                return Busy(service, response, code, message, requestId ?? response.RequestId, target);
            }

            var errorId = status switch
            {
                401 => service.ErrorPrefix + "AuthenticationFailed",
                403 => service.ErrorPrefix + "PermissionDenied",
                404 => notFoundErrorId ?? service.ErrorPrefix + "ResourceNotFound",
                412 => service.ErrorPrefix + "ConcurrentUpdate",
                _ => service.ErrorPrefix + "RequestFailed",
            };
            // The Astro API's "code" is the status number again; do not say it twice.
            var named = code != null && code != status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = $"{Sentence(service.DisplayName)} returned {status}{(named ? " " + code : "")}: {message ?? "no error message"}";
            return new AstroNetworkException(errorId, KindOf(status), text, target ?? response.Uri.AbsolutePath)
            {
                Status = status,
                ServiceCode = code,
                RequestId = requestId ?? response.RequestId,
                RecommendedAction = status == 412 ? "Another writer changed the resource; run the command again." : null,
            };
        }

        /// <summary>A busy or throttled answer that outlasted the busy timeout: one ErrorId for every service and code.</summary>
        private static AstroNetworkException Busy(RestService service, RestResponse response, string? code, string? message, string? requestId, object? target)
        {
            var status = response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = $"{Sentence(service.DisplayName)} answered {status}{(code == null || code == status ? "" : " " + code)} (busy): {message ?? "no error message"}"
                + (response.BusyGaveUp == null ? "" : " " + response.BusyGaveUp) + " Nothing was changed by this request.";
            return new AstroNetworkException(service.ErrorPrefix + "ResourceBusy", FailureKind.ResourceBusy, text, target ?? response.Uri.AbsolutePath)
            {
                Status = response.Status,
                ServiceCode = code,
                RequestId = requestId,
                RecommendedAction = "Run the command again once the resource's other operation has finished, or give a longer -BusyTimeout.",
            };
        }

        /// <summary>The same error with advice appended to the message and set as RecommendedAction.</summary>
        public static AstroNetworkException WithAdvice(AstroNetworkException error, string advice) =>
            new AstroNetworkException(error.ErrorId, error.Kind, error.Message + " " + advice, error.Target, error.InnerException)
            {
                Status = error.Status,
                ServiceCode = error.ServiceCode,
                RequestId = error.RequestId,
                RecommendedAction = advice,
            };

        /// <summary>"the Astro API" at the start of a message reads "The Astro API".</summary>
        public static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

        public static FailureKind KindOf(int status) => status switch
        {
            400 => FailureKind.InvalidArgument,
            401 => FailureKind.AuthenticationError,
            403 => FailureKind.PermissionDenied,
            404 => FailureKind.ObjectNotFound,
            409 => FailureKind.ResourceExists,
            412 => FailureKind.InvalidOperation,
            429 => FailureKind.LimitsExceeded,
            _ when status >= 500 => FailureKind.ConnectionError,
            _ => FailureKind.NotSpecified,
        };

        /// <summary>Code, message and request id from any of the error body shapes (all null when absent).</summary>
        public static (string? Code, string? Message, string? RequestId) Parse(JsonNode? body)
        {
            if (body is not JsonObject root)
            {
                return (null, null, null);
            }

            var error = root["error"] as JsonObject ?? root;
            var code = Text(error["code"]) ?? Text(root["statusCode"]);
            return (code, Text(error["message"]), Text(root["requestId"]));
        }

        private static string? Text(JsonNode? node) => node is JsonValue value
            ? (value.TryGetValue(out string? s) ? s : value.ToJsonString())
            : null;
    }
}

using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace Astro.Network.Engine.Rest
{
    /// <summary>
    /// Sends one JSON request through a service's pipeline and buffers the answer. Never throws for an HTTP status
    /// (callers decide what a 404 means); transport and sign-in failures become <see cref="AstroNetworkException"/>.
    /// </summary>
    internal sealed class RestChannel
    {
        private readonly HttpPipeline pipeline;

        public RestChannel(HttpPipeline pipeline, Uri endpoint, RestService service, IOperationLog log)
        {
            this.pipeline = pipeline;
            Endpoint = endpoint.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
            Service = service;
            Log = log;
        }

        public Uri Endpoint { get; }

        public RestService Service { get; }

        public IOperationLog Log { get; }

        /// <summary>An absolute URL (a nextLink or polling URL) is used as given; a path is appended to the endpoint.</summary>
        public Uri Resolve(string pathOrUrl)
        {
            if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp))
            {
                return absolute;
            }

            return new Uri(Endpoint.AbsoluteUri + pathOrUrl.TrimStart('/'));
        }

        /// <summary>Adds a query parameter unless the URL already has it (nextLinks carry their own api-version).</summary>
        public static Uri WithQuery(Uri uri, string name, string value)
        {
            var query = uri.Query;
            if (query.IndexOf("?" + name + "=", StringComparison.OrdinalIgnoreCase) >= 0
                || query.IndexOf("&" + name + "=", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return uri;
            }

            var separator = query.Length > 1 ? "&" : (query.Length == 1 ? "" : "?");
            return new Uri(uri.AbsoluteUri + separator + name + "=" + Uri.EscapeDataString(value));
        }

        public async Task<RestResponse> SendAsync(RequestMethod method, Uri uri, JsonNode? body, string? ifMatch, CancellationToken ct, IDictionary<string, string>? headers = null)
        {
            using var message = pipeline.CreateMessage();
            var request = message.Request;
            request.Method = method;
            request.Uri.Reset(uri);
            request.Headers.SetValue("Accept", "application/json");
            if (body != null)
            {
                request.Headers.SetValue("Content-Type", "application/json");
                request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToJsonString()));
            }

            if (ifMatch != null)
            {
                request.Headers.SetValue("If-Match", ifMatch);
            }

            if (headers != null)
            {
                foreach (var pair in headers)
                {
                    request.Headers.SetValue(pair.Key, pair.Value);
                }
            }

            OperationLogPolicy.Attach(message, Log);
            try
            {
                await pipeline.SendAsync(message, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is AuthenticationFailedException || ex is CredentialUnavailableException)
            {
                throw new AstroNetworkException(
                    Service.ErrorPrefix + "AuthenticationFailed",
                    FailureKind.AuthenticationError,
                    $"Could not get a token for {Service.DisplayName}: {ex.Message}",
                    uri.Host,
                    ex)
                { RecommendedAction = "Run Connect-AstroAzure (or check the managed identity) and try again." };
            }
            catch (Exception ex) when (ex is RequestFailedException || ex is OperationCanceledException || ex is System.IO.IOException)
            {
                // Transport failures reach here only after the retry policy gave up.
                throw new AstroNetworkException(
                    Service.ErrorPrefix + "ConnectionFailed",
                    ex is OperationCanceledException ? FailureKind.OperationTimeout : FailureKind.ConnectionError,
                    $"Could not reach {Service.DisplayName} at {uri.GetLeftPart(UriPartial.Authority)}: {ex.Message}",
                    uri.GetLeftPart(UriPartial.Path),
                    ex);
            }

            var response = ToRestResponse(message.Response, uri, Service);
            response.BusyGaveUp = message.TryGetProperty(EngineRetryPolicy.GaveUpProperty, out var gaveUp) ? gaveUp as string : null;
            return response;
        }

        private static RestResponse ToRestResponse(Response response, Uri uri, RestService service)
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in response.Headers)
            {
                headers[header.Name] = header.Value;
            }

            return new RestResponse(response.Status, ParseBody(response, uri, service), headers, uri);
        }

        /// <summary>
        /// A success whose body is not JSON must stop the caller: read as "empty", a firewall would look empty and be
        /// overwritten. An error status keeps a null body, so the status still tells what failed.
        /// </summary>
        private static JsonNode? ParseBody(Response response, Uri uri, RestService service)
        {
            var content = response.Content;
            if (content == null || content.ToMemory().Length == 0)
            {
                return null;
            }

            try
            {
                return JsonNode.Parse(content.ToString());
            }
            catch (JsonException)
            {
                if (response.Status >= 400)
                {
                    return null;
                }

                response.Headers.TryGetValue("Content-Type", out var contentType);
                throw new AstroNetworkException(
                    service.ErrorPrefix + "InvalidResponse",
                    FailureKind.InvalidData,
                    $"{ServiceErrors.Sentence(service.DisplayName)} answered {response.Status} with a body that is not valid JSON ({contentType ?? "no content type"}) for {uri.GetLeftPart(UriPartial.Path)}; nothing was written from it.",
                    uri.GetLeftPart(UriPartial.Path));
            }
        }
    }
}

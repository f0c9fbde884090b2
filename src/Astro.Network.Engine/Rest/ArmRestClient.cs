using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace Astro.Network.Engine.Rest
{
    /// <summary>
    /// Thin JSON client for Azure Resource Manager: api-version on every call, nextLink paging, long-running operations
    /// polled to completion, failures as <see cref="AstroNetworkException"/> carrying the ARM error code.
    /// Paths are resource ids or ARM paths ("/subscriptions/..."); absolute URLs are used as given.
    /// </summary>
    internal sealed class ArmRestClient
    {
        private const int MaxPages = 1000;
        private readonly RestChannel channel;
        private readonly ArmLroPoller poller;

        public ArmRestClient(RestChannel channel, PipelineSettings settings)
        {
            this.channel = channel;
            poller = new ArmLroPoller(channel, settings);
        }

        public Uri Endpoint => channel.Endpoint;

        /// <summary>GET a resource; null on 404 when <paramref name="nullIfNotFound"/>, else an ObjectNotFound error.</summary>
        public async Task<RestResponse?> GetAsync(string path, string apiVersion, bool nullIfNotFound, CancellationToken ct)
        {
            var response = await SendAsync(RequestMethod.Get, path, apiVersion, null, null, ct).ConfigureAwait(false);
            if (response.Status == 404 && nullIfNotFound)
            {
                return null;
            }

            return EnsureSuccess(response, path);
        }

        /// <summary>Every item of a pageable list, following nextLink exactly as the service gives it.</summary>
        public async Task<IReadOnlyList<JsonObject>> ListAsync(string path, string apiVersion, CancellationToken ct)
        {
            var items = new List<JsonObject>();
            var next = RestChannel.WithQuery(channel.Resolve(path), "api-version", apiVersion);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var page = 0; page < MaxPages && next != null && seen.Add(next.AbsoluteUri); page++)
            {
                var response = EnsureSuccess(await channel.SendAsync(RequestMethod.Get, next, null, null, ct).ConfigureAwait(false), path);
                if (response.Object?["value"] is JsonArray value)
                {
                    foreach (var item in value)
                    {
                        if (item is JsonObject obj)
                        {
                            items.Add(obj);
                        }
                    }
                }

                var link = response.Object?["nextLink"]?.GetValue<string>();
                next = string.IsNullOrEmpty(link) ? null : channel.Resolve(link!);
            }

            return items;
        }

        /// <summary>PUT (create or replace); a long-running answer is polled and the final resource returned.</summary>
        public Task<RestResponse> PutAsync(string path, string apiVersion, JsonNode body, string? ifMatch, CancellationToken ct) =>
            WriteAsync(RequestMethod.Put, path, apiVersion, body, ifMatch, ct);

        /// <summary>PATCH (JSON merge-patch: arrays are replaced wholesale, so send whole lists).</summary>
        public Task<RestResponse> PatchAsync(string path, string apiVersion, JsonNode body, string? ifMatch, CancellationToken ct) =>
            WriteAsync(RequestMethod.Patch, path, apiVersion, body, ifMatch, ct);

        public Task<RestResponse> PostAsync(string path, string apiVersion, JsonNode? body, CancellationToken ct) =>
            WriteAsync(RequestMethod.Post, path, apiVersion, body, null, ct);

        /// <summary>DELETE, polled to completion. Returns false when the resource did not exist (404, or 204 at once).</summary>
        public async Task<bool> DeleteAsync(string path, string apiVersion, string? ifMatch, CancellationToken ct)
        {
            var response = await SendAsync(RequestMethod.Delete, path, apiVersion, null, ifMatch, ct).ConfigureAwait(false);
            if (response.Status == 404 || response.Status == 204)
            {
                return false;
            }

            EnsureSuccess(response, path);
            await poller.CompleteAsync(RequestMethod.Delete, response, ct).ConfigureAwait(false);
            return true;
        }

        private async Task<RestResponse> WriteAsync(RequestMethod method, string path, string apiVersion, JsonNode? body, string? ifMatch, CancellationToken ct)
        {
            var response = EnsureSuccess(await SendAsync(method, path, apiVersion, body, ifMatch, ct).ConfigureAwait(false), path);
            return await poller.CompleteAsync(method, response, ct).ConfigureAwait(false);
        }

        private Task<RestResponse> SendAsync(RequestMethod method, string path, string apiVersion, JsonNode? body, string? ifMatch, CancellationToken ct) =>
            channel.SendAsync(method, RestChannel.WithQuery(channel.Resolve(path), "api-version", apiVersion), body, ifMatch, ct);

        private RestResponse EnsureSuccess(RestResponse response, string target) =>
            response.IsSuccess ? response : throw ServiceErrors.FromResponse(channel.Service, response, target);
    }
}

using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace Astro.Network.Engine.Rest
{
    /// <summary>Microsoft Graph v1.0 JSON client. Paths are relative to the Graph root, e.g. "v1.0/servicePrincipals".</summary>
    internal sealed class GraphRestClient
    {
        private readonly RestChannel channel;

        public GraphRestClient(RestChannel channel)
        {
            this.channel = channel;
        }

        /// <summary>GET; null on 404 when <paramref name="nullIfNotFound"/>.</summary>
        public async Task<RestResponse?> GetAsync(string path, bool nullIfNotFound, CancellationToken ct)
        {
            var response = await channel.SendAsync(RequestMethod.Get, channel.Resolve(path), null, null, ct).ConfigureAwait(false);
            return response.Status == 404 && nullIfNotFound ? null : EnsureSuccess(response, path);
        }

        public Task<RestResponse> PostAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(RequestMethod.Post, path, body, ct);

        public Task<RestResponse> PatchAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(RequestMethod.Patch, path, body, ct);

        /// <summary>DELETE; false when the object did not exist.</summary>
        public async Task<bool> DeleteAsync(string path, CancellationToken ct)
        {
            var response = await channel.SendAsync(RequestMethod.Delete, channel.Resolve(path), null, null, ct).ConfigureAwait(false);
            return response.Status != 404 && EnsureSuccess(response, path).IsSuccess;
        }

        private async Task<RestResponse> SendAsync(RequestMethod method, string path, JsonNode body, CancellationToken ct) =>
            EnsureSuccess(await channel.SendAsync(method, channel.Resolve(path), body, null, ct).ConfigureAwait(false), path);

        private RestResponse EnsureSuccess(RestResponse response, string target) =>
            response.IsSuccess ? response : throw ServiceErrors.FromResponse(channel.Service, response, target);
    }
}

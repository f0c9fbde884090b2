using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>The allowlist's ARM calls over the engine's REST layer (LRO, paging, retry and errors live there).</summary>
    internal sealed class RestArmJsonClient : IArmJsonClient
    {
        private readonly ArmRestClient _arm;

        public RestArmJsonClient(ArmRestClient arm) => _arm = arm;

        /// <summary>Null for a missing resource; a subscription ARM does not show the caller is its own error, not "not found".</summary>
        public async Task<ArmJsonResponse?> GetAsync(string path, string apiVersion, CancellationToken ct)
        {
            try
            {
                return ToJson((await _arm.GetAsync(path, apiVersion, nullIfNotFound: false, ct).ConfigureAwait(false))!);
            }
            catch (AstroNetworkException ex) when (ex.Status == 404)
            {
                if (ex.ServiceCode == "SubscriptionNotFound")
                {
                    throw AllowlistErrors.SubscriptionNotVisible(path, ex.Message);
                }

                return null;
            }
        }

        public Task<IReadOnlyList<JsonObject>> ListAsync(string path, string apiVersion, CancellationToken ct) =>
            _arm.ListAsync(path, apiVersion, ct);

        public async Task<ArmJsonResponse> PutAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct) =>
            ToJson(await _arm.PutAsync(path, apiVersion, body, ifMatch, ct).ConfigureAwait(false));

        public async Task<ArmJsonResponse> PatchAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct) =>
            ToJson(await _arm.PatchAsync(path, apiVersion, body, ifMatch, ct).ConfigureAwait(false));

        public Task DeleteAsync(string path, string apiVersion, CancellationToken ct) =>
            _arm.DeleteAsync(path, apiVersion, null, ct);

        private static ArmJsonResponse ToJson(RestResponse response) =>
            new ArmJsonResponse(response.Object ?? new JsonObject(), response.ETag, response.Status);
    }
}

using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// The few ARM calls the allowlist needs, as JSON. Implemented over the REST layer (LRO polling, paging,
    /// errors as <see cref="AstroNetworkException"/> with Status set, 412 included); paths are resource paths
    /// without host or query.
    /// </summary>
    internal interface IArmJsonClient
    {
        /// <summary>GET; null on 404.</summary>
        Task<ArmJsonResponse?> GetAsync(string path, string apiVersion, CancellationToken ct);

        /// <summary>GET of a collection, following nextLink; the items of every page.</summary>
        Task<IReadOnlyList<JsonObject>> ListAsync(string path, string apiVersion, CancellationToken ct);

        /// <summary>PUT, polled to completion when the service answers as a long-running operation.</summary>
        Task<ArmJsonResponse> PutAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct);

        /// <summary>PATCH, polled to completion when the service answers as a long-running operation.</summary>
        Task<ArmJsonResponse> PatchAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct);

        /// <summary>DELETE, polled to completion; a 204/404 for an absent resource is success.</summary>
        Task DeleteAsync(string path, string apiVersion, CancellationToken ct);
    }

    internal sealed class ArmJsonResponse
    {
        public ArmJsonResponse(JsonObject body, string? etag, int status)
        {
            Body = body;
            ETag = etag;
            Status = status;
        }

        public JsonObject Body { get; }

        /// <summary>The ETag header, or the body's "etag" when the header is absent.</summary>
        public string? ETag { get; }

        public int Status { get; }
    }
}

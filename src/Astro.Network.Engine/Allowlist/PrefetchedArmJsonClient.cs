using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// Read-only audits over many resources: a GET of a resource Resource Graph already returned is answered from that row
    /// (same properties, no ETag), every other call goes to ARM. Never used for writes, which need a fresh read and its ETag.
    /// </summary>
    internal sealed class PrefetchedArmJsonClient : IArmJsonClient
    {
        private readonly IArmJsonClient inner;
        private readonly IReadOnlyDictionary<string, JsonObject> documents;

        public PrefetchedArmJsonClient(IArmJsonClient inner, IReadOnlyDictionary<string, JsonObject> documents)
        {
            this.inner = inner;
            this.documents = documents;
        }

        public Task<ArmJsonResponse?> GetAsync(string path, string apiVersion, CancellationToken ct) =>
            documents.TryGetValue(path, out var row)
                ? Task.FromResult<ArmJsonResponse?>(new ArmJsonResponse((JsonObject)row.DeepClone(), null, 200))
                : inner.GetAsync(path, apiVersion, ct);

        public Task<IReadOnlyList<JsonObject>> ListAsync(string path, string apiVersion, CancellationToken ct) => inner.ListAsync(path, apiVersion, ct);

        public Task<ArmJsonResponse> PutAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct) =>
            throw new InvalidOperationException("A prefetched read client does not write.");

        public Task<ArmJsonResponse> PatchAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct) =>
            throw new InvalidOperationException("A prefetched read client does not write.");

        public Task DeleteAsync(string path, string apiVersion, CancellationToken ct) =>
            throw new InvalidOperationException("A prefetched read client does not write.");
    }
}

using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>
    /// Service principals of (multi-tenant) applications in the caller's tenant, through Microsoft Graph v1.0
    /// (shared azure-specs §3): look up by appId, create when missing, a 409 on create means it already exists.
    /// </summary>
    internal sealed class DirectoryClient
    {
        private readonly GraphRestClient graph;

        public DirectoryClient(GraphRestClient graph)
        {
            this.graph = graph;
        }

        /// <summary>GET servicePrincipals(appId='..'); null when the tenant has none (404).</summary>
        public async Task<ServicePrincipalInfo?> FindServicePrincipalAsync(string appId, CancellationToken ct)
        {
            var id = RbacIds.RequireGuid(appId, "application (client) ID");
            try
            {
                var response = await graph.GetAsync(ByAppId(id), true, ct).ConfigureAwait(false);
                return response?.Object is { } json ? Parse(json, id, false) : null;
            }
            catch (AstroNetworkException ex) when (ex.Status == 403)
            {
                throw DirectoryErrors.PermissionRequired(id, ex, reading: true);
            }
        }

        /// <summary>The service principal of <paramref name="appId"/>, created (POST {appId}) when the tenant has none.</summary>
        public async Task<ServicePrincipalInfo> EnsureServicePrincipalAsync(string appId, CancellationToken ct)
        {
            var id = RbacIds.RequireGuid(appId, "application (client) ID");
            if (await FindServicePrincipalAsync(id, ct).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            try
            {
                var created = await graph.PostAsync("v1.0/servicePrincipals", new JsonObject { ["appId"] = id }, ct).ConfigureAwait(false);
                return Parse(created.Object ?? new JsonObject(), id, true);
            }
            catch (AstroNetworkException ex) when (ex.Status == 409)
            {
                // Created meanwhile (another run, an admin): read it.
                return await FindServicePrincipalAsync(id, ct).ConfigureAwait(false)
                    ?? throw DirectoryErrors.Vanished(id, ex);
            }
            catch (AstroNetworkException ex) when (ex.Status == 403)
            {
                throw DirectoryErrors.PermissionRequired(id, ex, reading: false);
            }
            catch (AstroNetworkException ex) when (ex.Status == 400)
            {
                throw DirectoryErrors.AppNotFound(id, ex);
            }
        }

        private static string ByAppId(string appId) => $"v1.0/servicePrincipals(appId='{appId}')";

        private static ServicePrincipalInfo Parse(JsonObject json, string appId, bool created)
        {
            var objectId = JsonNodes.Text(json, "id")
                ?? throw new AstroNetworkException("GraphInvalidResponse", FailureKind.InvalidData,
                    $"Microsoft Graph returned a service principal for appId {appId} without an id.", appId);
            return new ServicePrincipalInfo(objectId, JsonNodes.Text(json, "appId") ?? appId, JsonNodes.Text(json, "displayName") ?? "", created);
        }
    }
}

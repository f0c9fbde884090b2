using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Identity;

/// <summary>
/// App Service managed identity endpoint (api-version 2019-08-01), what Azure.Identity/MSAL call when IDENTITY_ENDPOINT
/// and IDENTITY_HEADER are set: GET {base}msi/token?resource=...[&amp;client_id|object_id|principal_id|mi_res_id].
/// </summary>
internal sealed class ManagedIdentityEndpoint(EmulatorState state)
{
    public EmulatorResult Handle(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) || !string.Equals(request.Path.Value, "/msi/token", StringComparison.OrdinalIgnoreCase))
        {
            return Error(404, "invalid_request", "Only GET /msi/token is served.");
        }
        ManagedIdentityConfig? mi;
        lock (state.Sync)
        {
            mi = state.ManagedIdentity;
        }
        if (mi is null || request.Headers["X-IDENTITY-HEADER"].ToString() != mi.IdentityHeader || mi.IdentityHeader.Length == 0)
        {
            return Error(401, "unauthorized", "The X-IDENTITY-HEADER header is missing or wrong.");
        }
        if (request.Query["api-version"] != "2019-08-01")
        {
            return Error(400, "invalid_request", "api-version must be 2019-08-01.");
        }
        var resource = request.Query["resource"].ToString();
        if (resource.Length == 0)
        {
            return Error(400, "invalid_request", "The 'resource' query parameter is required.");
        }
        var (identity, asked) = Select(mi, request.Query);
        if (identity is null)
        {
            return Error(400, "invalid_request", asked is null
                ? "No system-assigned managed identity is enabled."
                : $"No user-assigned managed identity matches {asked}.");
        }
        var lifetime = state.Settings.TokenLifetimeSeconds;
        var principal = new EmulatorPrincipal(identity.PrincipalId, mi.TenantId, identity.ClientId, EmulatorPrincipal.ManagedIdentity, identity.ResourceId);
        return EmulatorResult.Json(200, new JsonObject
        {
            ["access_token"] = state.Tokens.Issue(principal, resource, TimeSpan.FromSeconds(lifetime)),
            ["expires_on"] = DateTimeOffset.UtcNow.AddSeconds(lifetime).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = identity.ClientId,
        });
    }

    private static (ManagedIdentityInfo? Identity, string? Asked) Select(ManagedIdentityConfig mi, IQueryCollection query)
    {
        static bool Same(string? a, string b) => a is not null && a.Equals(b, StringComparison.OrdinalIgnoreCase);
        if (query["client_id"].ToString() is { Length: > 0 } clientId)
        {
            return (mi.UserAssigned.FirstOrDefault(i => Same(i.ClientId, clientId)), $"client_id '{clientId}'");
        }
        var objectId = query["object_id"].ToString() is { Length: > 0 } o ? o : query["principal_id"].ToString();
        if (objectId.Length > 0)
        {
            return (mi.UserAssigned.FirstOrDefault(i => Same(i.PrincipalId, objectId)), $"object_id '{objectId}'");
        }
        if (query["mi_res_id"].ToString() is { Length: > 0 } resourceId)
        {
            return (mi.UserAssigned.FirstOrDefault(i => Same(i.ResourceId, resourceId)), $"mi_res_id '{resourceId}'");
        }
        return (mi.SystemAssigned, null);
    }

    private static EmulatorResult Error(int status, string error, string description) =>
        EmulatorResult.Json(status, new JsonObject
        {
            ["statusCode"] = status,
            ["message"] = description,
            ["error"] = error,
            ["error_description"] = description,
            ["correlationId"] = Guid.NewGuid().ToString(),
        });
}

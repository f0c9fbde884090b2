using System.Globalization;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Identity;

/// <summary>
/// The two managed identity endpoints a host offers, both handing out tokens for the scenario's managed identities:
/// App Service/Automation's (api-version 2019-08-01; what Azure.Identity/MSAL call when IDENTITY_ENDPOINT and
/// IDENTITY_HEADER are set): GET {base}msi/token?resource=...[&amp;client_id|object_id|principal_id|mi_res_id] with
/// X-IDENTITY-HEADER; and IMDS (VMs, Arc, Hybrid Runbook Workers; Azure.Identity calls it when no IDENTITY_ENDPOINT is
/// set, at AZURE_POD_IDENTITY_AUTHORITY_HOST instead of http://169.254.169.254 when that is set):
/// GET {base}metadata/identity/oauth2/token?api-version=2018-02-01&amp;resource=...[&amp;client_id|object_id|msi_res_id]
/// with Metadata: true (Microsoft Learn, "How to use managed identities for Azure resources on an Azure VM to acquire
/// an access token": request and response fields; "Azure Instance Metadata Service", FAQ: 400 "Required metadata header
/// not specified").
/// </summary>
internal sealed class ManagedIdentityEndpoint(EmulatorState state)
{
    public const string ImdsPath = "/metadata/identity/oauth2/token";

    public EmulatorResult Handle(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && string.Equals(request.Path.Value, ImdsPath, StringComparison.OrdinalIgnoreCase))
        {
            return Imds(request);
        }
        if (!HttpMethods.IsGet(request.Method) || !string.Equals(request.Path.Value, "/msi/token", StringComparison.OrdinalIgnoreCase))
        {
            return Error(404, "invalid_request", $"Only GET /msi/token and GET {ImdsPath} are served.");
        }
        var mi = Config();
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
        var (identity, asked) = Select(mi, request.Query, "mi_res_id");
        if (identity is null)
        {
            return Error(400, "invalid_request", asked is null
                ? "No system-assigned managed identity is enabled."
                : $"No user-assigned managed identity matches {asked}.");
        }
        var token = Issue(mi, identity, resource, out var lifetime);
        return EmulatorResult.Json(200, new JsonObject
        {
            ["access_token"] = token,
            ["expires_on"] = ExpiresOn(lifetime),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
            ["client_id"] = identity.ClientId,
        });
    }

    // IMDS answers a request without Metadata: true with 400 before anything else; DefaultAzureCredential's probe
    // sends exactly that and takes any answer as "IMDS is here".
    private EmulatorResult Imds(HttpRequest request)
    {
        if (!string.Equals(request.Headers["Metadata"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return ImdsError(400, "invalid_request", "Required metadata header not specified");
        }
        if (request.Query["api-version"].ToString().Length == 0)
        {
            return ImdsError(400, "invalid_request", "Required queryparameter api-version not specified");
        }
        var resource = request.Query["resource"].ToString();
        if (resource.Length == 0)
        {
            return ImdsError(400, "invalid_request", "Required queryparameter resource not specified");
        }
        var mi = Config();
        var (identity, _) = mi is null ? (null, null) : Select(mi, request.Query, "msi_res_id");
        if (mi is null || identity is null)
        {
            return ImdsError(400, "invalid_request", "Identity not found");
        }
        var token = Issue(mi, identity, resource, out var lifetime);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return EmulatorResult.Json(200, new JsonObject
        {
            ["access_token"] = token,
            ["client_id"] = identity.ClientId,
            ["expires_in"] = lifetime.ToString(CultureInfo.InvariantCulture),
            ["expires_on"] = ExpiresOn(lifetime),
            ["ext_expires_in"] = lifetime.ToString(CultureInfo.InvariantCulture),
            ["not_before"] = now.ToString(CultureInfo.InvariantCulture),
            ["resource"] = resource,
            ["token_type"] = "Bearer",
        });
    }

    private ManagedIdentityConfig? Config()
    {
        lock (state.Sync)
        {
            return state.ManagedIdentity;
        }
    }

    private string Issue(ManagedIdentityConfig mi, ManagedIdentityInfo identity, string resource, out int lifetime)
    {
        lifetime = state.Settings.TokenLifetimeSeconds;
        var principal = new EmulatorPrincipal(identity.PrincipalId, mi.TenantId, identity.ClientId, EmulatorPrincipal.ManagedIdentity, identity.ResourceId);
        return state.Tokens.Issue(principal, resource, TimeSpan.FromSeconds(lifetime));
    }

    private static string ExpiresOn(int lifetime) =>
        DateTimeOffset.UtcNow.AddSeconds(lifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The identity a request names (client id, object/principal id or resource id), else the system-assigned one.</summary>
    private static (ManagedIdentityInfo? Identity, string? Asked) Select(ManagedIdentityConfig mi, IQueryCollection query, string resourceIdParameter)
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
        if (query[resourceIdParameter].ToString() is { Length: > 0 } resourceId)
        {
            return (mi.UserAssigned.FirstOrDefault(i => Same(i.ResourceId, resourceId)), $"{resourceIdParameter} '{resourceId}'");
        }
        return (mi.SystemAssigned, null);
    }

    private static EmulatorResult ImdsError(int status, string error, string description) =>
        EmulatorResult.Json(status, new JsonObject { ["error"] = error, ["error_description"] = description });

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

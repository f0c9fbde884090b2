using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Identity;

/// <summary>
/// Entra ID (authority host = emulator base): v2.0 token endpoint (client_credentials with secret, certificate
/// assertion or a federated assertion for a user-assigned identity (<see cref="FederatedAssertion"/>), device_code, refresh_token), device code endpoint, OpenID configuration and instance discovery; and an
/// AD FS authority at {base}adfs (metadata and client_credentials token endpoint), which MSAL uses without instance
/// discovery (the Azure CLI reaches a custom cloud only that way). AD FS serves one directory: the app's own tenant.
/// </summary>
internal sealed class EntraEndpoints(EmulatorState state)
{
    private const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";
    private const string AdfsSegment = "adfs";
    private const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static readonly string[] OidcScopes = ["openid", "profile", "offline_access"];

    private sealed record Grant(EmulatorPrincipal User, string ClientId, string Scope) { public int PendingPolls { get; set; } }

    private readonly ConcurrentDictionary<string, Grant> _deviceCodes = new();
    private readonly ConcurrentDictionary<string, Grant> _refreshTokens = new();

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var route = string.Join('/', segments.Skip(1));
        var tenant = segments.FirstOrDefault() ?? "";
        if (tenant.Equals(AdfsSegment, StringComparison.OrdinalIgnoreCase))
        {
            return (context.Request.Method, route.TrimEnd('/')) switch
            {
                ("POST", "oauth2/token") => AdfsToken(await context.Request.ReadFormAsync(context.RequestAborted)),
                ("GET", ".well-known/openid-configuration") => AdfsConfiguration(),
                ("GET", "discovery/keys") => EmulatorResult.Json(200, new JsonObject { ["keys"] = new JsonArray() }),
                _ => ServiceErrors.Entra(404, "invalid_request", 90011, $"The endpoint '{context.Request.Path}' is not served by the emulated AD FS."),
            };
        }
        return (context.Request.Method, route) switch
        {
            ("POST", "oauth2/v2.0/token") => Token(tenant, await context.Request.ReadFormAsync(context.RequestAborted)),
            ("POST", "oauth2/v2.0/devicecode") => DeviceCode(tenant, await context.Request.ReadFormAsync(context.RequestAborted)),
            ("GET", "v2.0/.well-known/openid-configuration") => OpenIdConfiguration(tenant),
            ("GET", "discovery/instance") => InstanceDiscovery(context),
            ("GET", "discovery/v2.0/keys") => EmulatorResult.Json(200, new JsonObject { ["keys"] = new JsonArray() }),
            _ => ServiceErrors.Entra(404, "invalid_request", 90011, $"The endpoint '{context.Request.Path}' is not served by the emulated Entra ID."),
        };
    }

    private EmulatorResult Token(string tenantId, IFormCollection form)
    {
        return form["grant_type"].ToString() switch
        {
            "client_credentials" => ClientCredentials(tenantId, form),
            // MSAL.NET sends the short "device_code" (its OAuth2GrantType.DeviceCode); Entra takes it as the RFC 8628 URN.
            DeviceCodeGrant or "device_code" => Redeem(_deviceCodes, form["device_code"].ToString(), pendingAllowed: true, form),
            "refresh_token" => Redeem(_refreshTokens, form["refresh_token"].ToString(), pendingAllowed: false, form),
            var other => ServiceErrors.Entra(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{other}'."),
        };
    }

    private EmulatorResult ClientCredentials(string tenantId, IFormCollection form)
    {
        AzureApp? app;
        lock (state.Sync)
        {
            var tenant = state.FindTenant(tenantId);
            if (tenant is null)
            {
                return TenantNotFound(tenantId);
            }
            app = tenant.Apps.FirstOrDefault(a => a.ClientId.Equals(form["client_id"].ToString(), StringComparison.OrdinalIgnoreCase));
        }
        var scope = form["scope"].ToString().Trim();
        if (app is null && form["client_assertion_type"] == JwtBearerAssertion && FederatedAssertion.FindIdentity(state, form["client_id"].ToString()) is { } identity
            && string.Equals((string?)identity.Properties["tenantId"], tenantId, StringComparison.OrdinalIgnoreCase))
        {
            return Federated(tenantId, identity.Id, identity.Properties, scope, form["client_assertion"].ToString());
        }
        if (app is null)
        {
            return ServiceErrors.Entra(400, "unauthorized_client", 700016,
                $"Application with identifier '{form["client_id"]}' was not found in the directory '{tenantId}'.");
        }
        if (InvalidScope(scope) is { } invalid)
        {
            return invalid;
        }
        var secret = form["client_secret"].ToString();
        var assertion = form["client_assertion"].ToString();
        string? failure;
        if (secret.Length > 0)
        {
            failure = app.Secret is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(app.Secret))
                ? null : "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.";
        }
        else if (assertion.Length > 0)
        {
            failure = form["client_assertion_type"] != JwtBearerAssertion
                ? "The client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer."
                : ClientAssertion.Verify(assertion, app);
        }
        else
        {
            failure = "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.";
        }
        if (failure is not null)
        {
            return ServiceErrors.Entra(401, "invalid_client", secret.Length > 0 ? 7000215 : 700027, failure);
        }
        return AppToken(new EmulatorPrincipal(app.ObjectId, tenantId.ToLowerInvariant(), app.ClientId, EmulatorPrincipal.App, app.DisplayName), scope);
    }

    /// <summary>Workload identity: a user-assigned identity's token for an external token its federated credentials accept.</summary>
    private EmulatorResult Federated(string tenantId, string identityId, JsonObject identity, string scope, string assertion)
    {
        if (InvalidScope(scope) is { } invalid)
        {
            return invalid;
        }
        if (FederatedAssertion.Verify(state, identityId, assertion) is { } refused)
        {
            return ServiceErrors.Entra(400, refused.Code == 70021 ? "invalid_request" : "invalid_client", refused.Code, refused.Reason);
        }
        var principal = new EmulatorPrincipal((string?)identity["principalId"] ?? "", tenantId.ToLowerInvariant(), (string?)identity["clientId"],
            EmulatorPrincipal.ManagedIdentity, identityId);
        return AppToken(principal, scope);
    }

    private static EmulatorResult? InvalidScope(string scope) =>
        scope.Contains(' ') || !scope.EndsWith("/.default", StringComparison.Ordinal)
            ? ServiceErrors.Entra(400, "invalid_scope", 1002012,
                $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).")
            : null;

    private EmulatorResult AppToken(EmulatorPrincipal principal, string scope)
    {
        var lifetime = state.Settings.TokenLifetimeSeconds;
        return EmulatorResult.Json(200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = lifetime,
            ["ext_expires_in"] = lifetime,
            ["access_token"] = state.Tokens.Issue(principal, scope[..^"/.default".Length], TimeSpan.FromSeconds(lifetime)),
        });
    }

    private EmulatorResult DeviceCode(string tenantId, IFormCollection form)
    {
        EmulatorPrincipal user;
        lock (state.Sync)
        {
            var tenant = IsMultiTenant(tenantId) ? state.Tenants.FirstOrDefault(t => t.Users.Count > 0) : state.FindTenant(tenantId);
            if (tenant is null)
            {
                return TenantNotFound(tenantId);
            }
            if (tenant.Users.Count == 0)
            {
                return ServiceErrors.Entra(400, "invalid_request", 50020, $"The tenant '{tenantId}' has no user who could sign in.");
            }
            var u = tenant.Users[0];
            user = new EmulatorPrincipal(u.ObjectId, tenant.Id, form["client_id"].ToString(), EmulatorPrincipal.User, u.UserPrincipalName);
        }
        var deviceCode = TokenIssuer.Base64Url(RandomNumberGenerator.GetBytes(24));
        var userCode = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        _deviceCodes[deviceCode] = new Grant(user, user.AppId!, form["scope"].ToString()) { PendingPolls = state.Settings.DeviceCodePendingPolls };
        const string verification = "https://microsoft.com/devicelogin";
        return EmulatorResult.Json(200, new JsonObject
        {
            ["user_code"] = userCode,
            ["device_code"] = deviceCode,
            ["verification_uri"] = verification,
            ["expires_in"] = 900,
            ["interval"] = 1,
            ["message"] = $"To sign in, use a web browser to open the page {verification} and enter the code {userCode} to authenticate.",
        });
    }

    /// <summary>Redeems a device code or refresh token for user tokens (new refresh token each time).</summary>
    private EmulatorResult Redeem(ConcurrentDictionary<string, Grant> grants, string code, bool pendingAllowed, IFormCollection form)
    {
        if (!grants.TryGetValue(code, out var grant))
        {
            return ServiceErrors.Entra(400, pendingAllowed ? "expired_token" : "invalid_grant", pendingAllowed ? 70020 : 9002313,
                pendingAllowed ? "The provided value for the input parameter 'device_code' is not valid." : "Invalid request. Request is malformed or invalid.");
        }
        if (pendingAllowed && grant.PendingPolls-- > 0)
        {
            return ServiceErrors.Entra(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
        }
        grants.TryRemove(code, out _);
        var scope = form["scope"].Count > 0 ? form["scope"].ToString() : grant.Scope;
        var resourceScopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(s => !OidcScopes.Contains(s)).ToArray();
        var first = resourceScopes.FirstOrDefault() ?? "https://graph.microsoft.com/.default";
        var audience = first[..first.LastIndexOf('/')];
        var lifetime = state.Settings.TokenLifetimeSeconds;
        var refresh = TokenIssuer.Base64Url(RandomNumberGenerator.GetBytes(32));
        _refreshTokens[refresh] = grant with { Scope = scope };
        var user = grant.User;
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var idToken = state.Tokens.Sign(new JsonObject
        {
            ["aud"] = grant.ClientId, ["iss"] = $"{state.BaseUri}{user.TenantId}/v2.0", ["iat"] = now, ["nbf"] = now,
            ["exp"] = now + lifetime, ["oid"] = user.ObjectId, ["sub"] = user.ObjectId, ["tid"] = user.TenantId,
            ["preferred_username"] = user.Name, ["name"] = user.Name, ["ver"] = "2.0",
        });
        var clientInfo = TokenIssuer.Base64Url(Encoding.UTF8.GetBytes(new JsonObject { ["uid"] = user.ObjectId, ["utid"] = user.TenantId }.ToJsonString()));
        return EmulatorResult.Json(200, new JsonObject
        {
            ["token_type"] = "Bearer",
            ["scope"] = string.Join(' ', resourceScopes.DefaultIfEmpty(first)),
            ["expires_in"] = lifetime,
            ["ext_expires_in"] = lifetime,
            ["access_token"] = state.Tokens.Issue(user, audience, TimeSpan.FromSeconds(lifetime)),
            ["refresh_token"] = refresh,
            ["id_token"] = idToken,
            ["client_info"] = clientInfo,
        });
    }

    private EmulatorResult OpenIdConfiguration(string tenant)
    {
        var root = state.BaseUri.ToString();
        return EmulatorResult.Json(200, new JsonObject
        {
            ["token_endpoint"] = $"{root}{tenant}/oauth2/v2.0/token",
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            ["jwks_uri"] = $"{root}{tenant}/discovery/v2.0/keys",
            ["response_modes_supported"] = new JsonArray("query", "fragment", "form_post"),
            ["subject_types_supported"] = new JsonArray("pairwise"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email", "offline_access"),
            ["issuer"] = $"{root}{(IsMultiTenant(tenant) ? "{tenantid}" : tenant)}/v2.0",
            ["request_uri_parameter_supported"] = false,
            ["authorization_endpoint"] = $"{root}{tenant}/oauth2/v2.0/authorize",
            ["device_authorization_endpoint"] = $"{root}{tenant}/oauth2/v2.0/devicecode",
            ["end_session_endpoint"] = $"{root}{tenant}/oauth2/v2.0/logout",
            ["tenant_region_scope"] = null,
            ["cloud_instance_name"] = "microsoftonline.com",
        });
    }

    /// <summary>Client credentials at the AD FS token endpoint: the directory is the one that holds the client.</summary>
    private EmulatorResult AdfsToken(IFormCollection form)
    {
        if (form["grant_type"] != "client_credentials")
        {
            return ServiceErrors.Entra(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{form["grant_type"]}'.");
        }
        var clientId = form["client_id"].ToString();
        string? tenantId;
        lock (state.Sync)
        {
            tenantId = state.Tenants.FirstOrDefault(t => t.Apps.Any(a => a.ClientId.Equals(clientId, StringComparison.OrdinalIgnoreCase)))?.Id;
        }
        return tenantId is null
            ? ServiceErrors.Entra(400, "unauthorized_client", 700016, $"Application with identifier '{clientId}' was not found in the directory '{AdfsSegment}'.")
            : ClientCredentials(tenantId, form);
    }

    private EmulatorResult AdfsConfiguration()
    {
        var root = $"{state.BaseUri}{AdfsSegment}";
        return EmulatorResult.Json(200, new JsonObject
        {
            ["issuer"] = root,
            ["authorization_endpoint"] = $"{root}/oauth2/authorize/",
            ["token_endpoint"] = $"{root}/oauth2/token/",
            ["jwks_uri"] = $"{root}/discovery/keys",
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic", "private_key_jwt"),
            ["grant_types_supported"] = new JsonArray("client_credentials"),
            ["response_types_supported"] = new JsonArray("code", "id_token", "code id_token", "id_token token"),
            ["scopes_supported"] = new JsonArray("openid", "profile", "email"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        });
    }

    /// <summary>MSAL's instance discovery: the emulator host is its own (only) alias.</summary>
    private EmulatorResult InstanceDiscovery(HttpContext context)
    {
        var authority = state.BaseUri.Authority;
        var endpoint = context.Request.Query["authorization_endpoint"].ToString();
        var tenant = Uri.TryCreate(endpoint, UriKind.Absolute, out var u) ? u.Segments.ElementAtOrDefault(1)?.TrimEnd('/') ?? "common" : "common";
        return EmulatorResult.Json(200, new JsonObject
        {
            ["tenant_discovery_endpoint"] = $"{state.BaseUri}{tenant}/v2.0/.well-known/openid-configuration",
            ["api-version"] = "1.1",
            ["metadata"] = new JsonArray(new JsonObject
            {
                ["preferred_network"] = authority,
                ["preferred_cache"] = authority,
                ["aliases"] = new JsonArray(authority, state.BaseUri.Host),
            }),
        });
    }

    private static bool IsMultiTenant(string tenant) => tenant is "common" or "organizations" or "consumers";

    private static EmulatorResult TenantNotFound(string tenantId) =>
        ServiceErrors.Entra(400, "invalid_request", 90002,
            $"Tenant '{tenantId}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Graph;

/// <summary>
/// A tenant's directory as Graph shows it, built from the scenario: service principals (the tenant's own apps, its managed
/// identities, other publishers' apps instantiated in it), application objects, users; and what a caller may do there.
/// </summary>
internal static class GraphDirectory
{
    /// <summary>Microsoft's own tenant, the appOwnerOrganizationId of every managed identity's service principal.</summary>
    private const string ManagedIdentityOwnerTenant = "f8cdef31-a31e-4b4a-93e4-5f571e91255a";

    /// <summary>Every member user's token carries this wids entry (the default "User" role template).</summary>
    private const string MemberUserTemplateId = "b79fbf4d-3ef9-4689-8143-76b194e85509";

    public static readonly IReadOnlyDictionary<string, string> DirectoryRoleTemplateIds =
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Global Administrator"] = "62e90394-69f5-4237-9190-012177145e10",
            ["Application Administrator"] = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3",
            ["Cloud Application Administrator"] = "158c047a-c907-4556-b7ef-446551a6b5f7",
        };

    // Graph application permissions (apps, managed identities) per kind of request; users read by default.
    public static readonly string[] ApplicationWriteRoles = ["Application.ReadWrite.All", "Directory.ReadWrite.All"];
    public static readonly string[] ApplicationReadRoles =
        ["Application.Read.All", "Application.ReadWrite.OwnedBy", .. ApplicationWriteRoles, "Directory.Read.All"];
    public static readonly string[] UserReadRoles =
        ["User.ReadBasic.All", "User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
    public static readonly string[] OrganizationReadRoles =
        ["Organization.Read.All", "Organization.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];
    public static readonly string[] DirectoryReadRoles = ["Directory.Read.All", "Directory.ReadWrite.All"];

    public static readonly string[] ServicePrincipalProperties =
    [
        "id", "deletedDateTime", "accountEnabled", "alternativeNames", "appId", "appOwnerOrganizationId", "appRoles",
        "displayName", "servicePrincipalNames", "servicePrincipalType", "signInAudience", "tags",
    ];

    public static readonly string[] ApplicationProperties =
        ["id", "deletedDateTime", "appId", "displayName", "identifierUris", "publisherDomain", "signInAudience", "tags"];

    public static readonly string[] UserProperties =
    [
        "id", "businessPhones", "displayName", "givenName", "jobTitle", "mail", "mobilePhone", "officeLocation",
        "preferredLanguage", "surname", "userPrincipalName",
    ];

    /// <summary>Service principals visible in the tenant, in a stable order: own apps, managed identities, other publishers' apps.</summary>
    public static List<JsonObject> ServicePrincipals(EmulatorState state, string tenantId)
    {
        lock (state.Sync)
        {
            var list = new List<JsonObject>();
            foreach (var app in state.FindTenant(tenantId)?.Apps ?? [])
            {
                list.Add(ServicePrincipal(app.ObjectId, app.ClientId, app.DisplayName ?? app.ClientId, "Application", tenantId, "AzureADMyOrg", []));
            }
            var mi = state.ManagedIdentity;
            if (mi is not null && Same(mi.TenantId, tenantId))
            {
                foreach (var identity in mi.UserAssigned.Prepend(mi.SystemAssigned).OfType<ManagedIdentityInfo>())
                {
                    var name = identity.ResourceId?.Split('/').Last() ?? identity.ClientId;
                    var sp = ServicePrincipal(identity.PrincipalId, identity.ClientId, name, "ManagedIdentity", ManagedIdentityOwnerTenant,
                        "AzureADMyOrg", identity.ResourceId is null ? [] : [identity.ResourceId]);
                    sp["alternativeNames"] = Strings(identity.ResourceId is null ? [] : ["isExplicit=" + (identity != mi.SystemAssigned), identity.ResourceId]);
                    list.Add(sp);
                }
            }
            foreach (var record in state.ServicePrincipalsIn(tenantId))
            {
                list.Add(ServicePrincipal(record, state));
            }
            return list;
        }
    }

    public static JsonObject ServicePrincipal(EmulatorState state, ServicePrincipalRecord record) => ServicePrincipal(record, state);

    /// <summary>The tenant's own application objects (an app registered in another tenant is not visible here).</summary>
    public static List<JsonObject> Applications(EmulatorState state, string tenantId)
    {
        lock (state.Sync)
        {
            var domain = InitialDomain(state.FindTenant(tenantId));
            return (state.FindTenant(tenantId)?.Apps ?? []).Select(app => new JsonObject
            {
                ["id"] = ApplicationObjectId(app.ClientId),
                ["deletedDateTime"] = null,
                ["appId"] = app.ClientId,
                ["displayName"] = app.DisplayName ?? app.ClientId,
                ["identifierUris"] = new JsonArray(),
                ["publisherDomain"] = domain,
                ["signInAudience"] = "AzureADMyOrg",
                ["tags"] = new JsonArray(),
            }).ToList();
        }
    }

    public static List<JsonObject> Users(EmulatorState state, string tenantId)
    {
        lock (state.Sync)
        {
            return (state.FindTenant(tenantId)?.Users ?? []).Select(user => new JsonObject
            {
                ["id"] = user.ObjectId,
                ["businessPhones"] = new JsonArray(),
                ["displayName"] = user.UserPrincipalName.Split('@')[0],
                ["givenName"] = null,
                ["jobTitle"] = null,
                ["mail"] = null,
                ["mobilePhone"] = null,
                ["officeLocation"] = null,
                ["preferredLanguage"] = null,
                ["surname"] = null,
                ["userPrincipalName"] = user.UserPrincipalName,
            }).ToList();
        }
    }

    public static JsonObject? Organization(EmulatorState state, string tenantId)
    {
        lock (state.Sync)
        {
            var tenant = state.FindTenant(tenantId);
            if (tenant is null)
            {
                return null;
            }
            var initial = InitialDomain(tenant);
            var custom = tenant.Users.Select(u => u.UserPrincipalName.Split('@').Last().ToLowerInvariant())
                .Where(d => d != initial && d.Contains('.')).Distinct().ToList();
            var domains = new JsonArray(custom.Prepend(initial).Select((name, i) => (JsonNode)new JsonObject
            {
                ["capabilities"] = "Email, OfficeCommunicationsOnlineIdentity",
                ["isDefault"] = custom.Count == 0 ? i == 0 : i == 1,
                ["isInitial"] = i == 0,
                ["name"] = name,
                ["type"] = "Managed",
            }).ToArray());
            return new JsonObject
            {
                ["id"] = tenant.Id,
                ["deletedDateTime"] = null,
                ["displayName"] = tenant.DisplayName ?? tenant.Id,
                ["tenantType"] = "AAD",
                ["verifiedDomains"] = domains,
            };
        }
    }

    /// <summary>Whether the caller holds one of <paramref name="appRoles"/> (apps, managed identities); users read by default.</summary>
    public static bool CanRead(EmulatorState state, EmulatorPrincipal caller, IReadOnlyCollection<string> appRoles) =>
        caller.Kind == EmulatorPrincipal.User || GraphAppRolesOf(state, caller).Any(r => appRoles.Contains(r, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Creating or deleting a service principal of another publisher's app: Application.ReadWrite.All (OwnedBy is not enough)
    /// for apps and managed identities; for users the Application Administrator, Cloud Application Administrator or Global
    /// Administrator directory role.
    /// </summary>
    public static bool CanManageServicePrincipals(EmulatorState state, EmulatorPrincipal caller) =>
        caller.Kind == EmulatorPrincipal.User
            ? DirectoryRolesOf(state, caller).Any(DirectoryRoleTemplateIds.ContainsKey)
            : GraphAppRolesOf(state, caller).Any(r => ApplicationWriteRoles.Contains(r, StringComparer.OrdinalIgnoreCase));

    /// <summary>Token claims from the directory: roles (Graph app roles) on Graph tokens of apps and managed identities; wids on users' tokens.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> TokenClaims(EmulatorState state, EmulatorPrincipal principal, string audience)
    {
        var claims = new Dictionary<string, IReadOnlyList<string>>();
        if (principal.Kind == EmulatorPrincipal.User)
        {
            claims["wids"] = DirectoryRolesOf(state, principal)
                .Select(r => DirectoryRoleTemplateIds.TryGetValue(r, out var id) ? id : null).OfType<string>()
                .Append(MemberUserTemplateId).Distinct().ToList();
        }
        else if (Identity.BearerAuth.GraphAudiences(state).Contains(audience.TrimEnd('/')) && GraphAppRolesOf(state, principal) is { Count: > 0 } roles)
        {
            claims["roles"] = roles;
        }
        return claims;
    }

    public static IReadOnlyList<string> GraphAppRolesOf(EmulatorState state, EmulatorPrincipal principal)
    {
        lock (state.Sync)
        {
            if (principal.Kind == EmulatorPrincipal.ManagedIdentity)
            {
                var mi = state.ManagedIdentity;
                return mi?.UserAssigned.Prepend(mi.SystemAssigned).OfType<ManagedIdentityInfo>()
                    .FirstOrDefault(i => Same(i.PrincipalId, principal.ObjectId))?.GraphAppRoles.ToList() ?? [];
            }
            return state.FindTenant(principal.TenantId)?.Apps.FirstOrDefault(a => Same(a.ObjectId, principal.ObjectId))?.GraphAppRoles.ToList() ?? [];
        }
    }

    public static IReadOnlyList<string> DirectoryRolesOf(EmulatorState state, EmulatorPrincipal principal)
    {
        lock (state.Sync)
        {
            return state.FindTenant(principal.TenantId)?.Users.FirstOrDefault(u => Same(u.ObjectId, principal.ObjectId))?.DirectoryRoles.ToList() ?? [];
        }
    }

    /// <summary>A stable application object ID per appId (the scenario's objectId is the service principal's).</summary>
    public static string ApplicationObjectId(string appId)
    {
        var bytes = MD5.HashData(Encoding.UTF8.GetBytes("application:" + appId.ToLowerInvariant()));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x30);
        return new Guid(bytes).ToString();
    }

    private static JsonObject ServicePrincipal(ServicePrincipalRecord record, EmulatorState? state = null)
    {
        var publisher = state?.MultiTenantApps.FirstOrDefault(a => Same(a.AppId, record.AppId))?.PublisherTenantId;
        return ServicePrincipal(record.ObjectId, record.AppId, record.DisplayName, "Application", publisher, "AzureADMultipleOrgs", []);
    }

    private static JsonObject ServicePrincipal(string id, string appId, string displayName, string type, string? owner, string audience, string[] extraNames) =>
        new()
        {
            ["id"] = id,
            ["deletedDateTime"] = null,
            ["accountEnabled"] = true,
            ["alternativeNames"] = new JsonArray(),
            ["appId"] = appId,
            ["appOwnerOrganizationId"] = owner,
            ["appRoles"] = new JsonArray(),
            ["displayName"] = displayName,
            ["servicePrincipalNames"] = Strings([appId, .. extraNames]),
            ["servicePrincipalType"] = type,
            ["signInAudience"] = audience,
            ["tags"] = new JsonArray(),
        };

    private static string InitialDomain(AzureTenant? tenant)
    {
        var name = new string((tenant?.DisplayName ?? tenant?.Id ?? "tenant").Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        return name + ".onmicrosoft.com";
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    private static bool Same(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);
}

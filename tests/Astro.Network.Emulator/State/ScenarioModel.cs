using System.Text.Json;
using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.State;

// The scenario file's shape (README "Scenario JSON"). Astro objects stay raw JSON so they are returned as given.

public sealed class Scenario
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public AstroSection Astro { get; set; } = new();
    public AzureSection Azure { get; set; } = new();

    public static Scenario Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Scenario>(json, Options) ?? new Scenario();
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Scenario JSON is invalid: {e.Message}", e);
        }
    }
}

public sealed class AstroSection
{
    public List<AstroOrganization> Organizations { get; set; } = [];
}

public sealed class AstroOrganization
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public List<AstroToken> Tokens { get; set; } = [];
    public List<JsonObject> Clusters { get; set; } = [];

    /// <summary>Clusters GetCluster answers but ListClusters never shows (the multi-tenant clusters behind STANDARD deployments).</summary>
    public List<JsonObject> StandardClusters { get; set; } = [];

    public List<JsonObject> Deployments { get; set; } = [];
}

public sealed class AstroToken
{
    public string Value { get; set; } = "";
    public bool Expired { get; set; }
}

public sealed class AzureSection
{
    public List<AzureTenant> Tenants { get; set; } = [];
    public ManagedIdentityConfig? ManagedIdentity { get; set; }
    public List<AzureSubscription> Subscriptions { get; set; } = [];

    /// <summary>Management groups (a tree by parent name) and the subscriptions directly under each.</summary>
    public List<AzureManagementGroup> ManagementGroups { get; set; } = [];

    public List<SeedResource> Resources { get; set; } = [];

    /// <summary>Azure Policy deny assignments on tag names (the emulator applies them to tags/default writes).</summary>
    public List<TagPolicy> TagPolicies { get; set; } = [];

    /// <summary>A generated tenant added at load (scale scenarios): subscriptions, resources and management groups from parameters.</summary>
    public GeneratedTenant? Generate { get; set; }

    /// <summary>Other publishers' multi-tenant applications any tenant may instantiate (POST servicePrincipals {appId}).</summary>
    public List<MultiTenantApp> MultiTenantApps { get; set; } = [];
    public EmulatorSettings Settings { get; set; } = new();
}

public sealed class AzureTenant
{
    public string Id { get; set; } = "";
    public string? DisplayName { get; set; }
    public List<AzureApp> Apps { get; set; } = [];
    public List<AzureUser> Users { get; set; } = [];

    /// <summary>Service principals of multi-tenant apps that already exist in this tenant.</summary>
    public List<SeedServicePrincipal> ServicePrincipals { get; set; } = [];
}

public sealed class MultiTenantApp
{
    public string AppId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? PublisherTenantId { get; set; }
}

public sealed class SeedServicePrincipal
{
    public string ObjectId { get; set; } = "";
    public string AppId { get; set; } = "";
    public string? DisplayName { get; set; }
}

public sealed class AzureApp
{
    public string ClientId { get; set; } = "";
    public string ObjectId { get; set; } = "";
    public string? DisplayName { get; set; }
    public string? Secret { get; set; }

    /// <summary>SHA-1 thumbprint (hex) of the certificate the app accepts client assertions from.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Optional base64 DER of that certificate; when given, assertion signatures are verified.</summary>
    public string? Certificate { get; set; }

    /// <summary>Microsoft Graph application permissions granted to the app (token claim roles), e.g. Application.ReadWrite.All.</summary>
    public List<string> GraphAppRoles { get; set; } = [];
}

public sealed class AzureUser
{
    public string ObjectId { get; set; } = "";
    public string UserPrincipalName { get; set; } = "";

    /// <summary>Entra directory role names held by the user (token claim wids carries their template IDs), e.g. Cloud Application Administrator.</summary>
    public List<string> DirectoryRoles { get; set; } = [];
}

public sealed class ManagedIdentityConfig
{
    public string IdentityHeader { get; set; } = "";
    public string TenantId { get; set; } = "";
    public ManagedIdentityInfo? SystemAssigned { get; set; }
    public List<ManagedIdentityInfo> UserAssigned { get; set; } = [];
}

public sealed class ManagedIdentityInfo
{
    public string ClientId { get; set; } = "";
    public string PrincipalId { get; set; } = "";
    public string? ResourceId { get; set; }

    /// <summary>Microsoft Graph application permissions granted to the identity (token claim roles).</summary>
    public List<string> GraphAppRoles { get; set; } = [];
}

public sealed class AzureSubscription
{
    public string SubscriptionId { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public List<AzureResourceGroup> ResourceGroups { get; set; } = [];
}

public sealed class AzureManagementGroup
{
    /// <summary>The group's name, which is its ID in /providers/Microsoft.Management/managementGroups/{name}.</summary>
    public string Name { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string? DisplayName { get; set; }

    /// <summary>The parent group's name; null for a group directly under the tenant root.</summary>
    public string? Parent { get; set; }
    public List<string> Subscriptions { get; set; } = [];
}

public sealed class AzureResourceGroup
{
    public string Name { get; set; } = "";
    public string Location { get; set; } = "";
    public Dictionary<string, string>? Tags { get; set; }
}

public sealed class SeedResource
{
    public string Id { get; set; } = "";
    public string? Location { get; set; }
    public JsonObject? Body { get; set; }
}

public sealed class EmulatorSettings
{
    public int TokenLifetimeSeconds { get; set; } = 3600;
    public int LroPollsBeforeDone { get; set; } = 1;
    public int PageSize { get; set; } = 100;

    /// <summary>Retry-After (seconds) on long-running operation responses.</summary>
    public int LroRetryAfterSeconds { get; set; } = 1;

    /// <summary>Device-code polls answered authorization_pending before the code is approved.</summary>
    public int DeviceCodePendingPolls { get; set; }

    /// <summary>How long a service principal created through Graph stays unknown to ARM (400 PrincipalNotFound on role assignment).</summary>
    public int PrincipalReplicationDelayMs { get; set; }

    /// <summary>
    /// How long a federated identity credential write (PUT or DELETE) stays in progress; another write under the same
    /// identity meanwhile is refused with 409 ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity.
    /// </summary>
    public int FederatedCredentialWriteMs { get; set; }

    /// <summary>Resource Graph requests each caller may send per window (the service's documented default: 15 per 5 s).</summary>
    public int ResourceGraphQuota { get; set; } = 15;

    public int ResourceGraphQuotaWindowMs { get; set; } = 5000;

    /// <summary>GETs of a peering Astronomer support created before it moves from Initiated to Connected.</summary>
    public int PeeringPollsBeforeConnected { get; set; } = 2;
}

/// <summary>A deny policy over a scope: tag writes whose names match (a trailing * matches a prefix) are refused.</summary>
public sealed class TagPolicy
{
    public string Scope { get; set; } = "";
    public List<string> DeniedTagNames { get; set; } = [];
    public string AssignmentName { get; set; } = "deny-tags";
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Arm;
using Astro.Network.Emulator.Astro;
using Astro.Network.Emulator.Identity;

namespace Astro.Network.Emulator.State;

/// <summary>Everything the emulated clouds hold. Tests may read and change it directly; lock <see cref="Sync"/> for Astro/Azure lists.</summary>
public sealed class EmulatorState
{
    private const string PrincipalItem = "emulator.principal";
    private Scenario _scenario = new();
    private readonly List<ServicePrincipalRecord> _servicePrincipals = [];

    public EmulatorState(Uri baseUri)
    {
        BaseUri = baseUri;
    }

    public object Sync { get; } = new();
    public Uri BaseUri { get; }
    public TokenIssuer Tokens { get; } = new();
    public ArmResourceStore Resources { get; } = new();
    public ArmOperations Operations { get; } = new();

    public EmulatorSettings Settings => _scenario.Azure.Settings;
    public IReadOnlyList<AstroOrganization> Organizations => _scenario.Astro.Organizations;
    public IReadOnlyList<AzureTenant> Tenants => _scenario.Azure.Tenants;
    public ManagedIdentityConfig? ManagedIdentity => _scenario.Azure.ManagedIdentity;
    public IReadOnlyList<AzureSubscription> Subscriptions => _scenario.Azure.Subscriptions;
    public IReadOnlyList<AzureManagementGroup> ManagementGroups => _scenario.Azure.ManagementGroups;
    public IReadOnlyList<MultiTenantApp> MultiTenantApps => _scenario.Azure.MultiTenantApps;

    /// <summary>Deny policies on tag names; lock <see cref="Sync"/> to read or add.</summary>
    public List<TagPolicy> TagPolicies => _scenario.Azure.TagPolicies;

    /// <summary>Replaces the whole state with <paramref name="scenario"/>.</summary>
    public void Load(Scenario scenario)
    {
        lock (Sync)
        {
            foreach (var org in scenario.Astro.Organizations)
            {
                AstroDefaults.Complete(org);
            }
            scenario.Azure.Generate?.AddTo(scenario.Azure);
            scenario.Azure.Generate = null;   // added once, even when the same scenario object is loaded again
            _scenario = scenario;
            Resources.Clear();
            Operations.Clear();
            Arm.ResourceGraph.ResourceGraphEndpoint.ResetQuota();
            _servicePrincipals.Clear();
            foreach (var tenant in scenario.Azure.Tenants)
            {
                _servicePrincipals.AddRange(tenant.ServicePrincipals.Select(sp =>
                    new ServicePrincipalRecord(sp.ObjectId, tenant.Id, sp.AppId, sp.DisplayName ?? sp.AppId, DateTimeOffset.MinValue)));
            }
            foreach (var seed in scenario.Azure.Resources)
            {
                Resources.Put(seed.Id, SeedBody(seed));
            }
        }
    }

    /// <summary>Writes one resource as a scenario seed would (control endpoint POST resources).</summary>
    public void PutSeed(SeedResource seed)
    {
        lock (Sync)
        {
            Resources.Put(ArmPath.Parse(seed.Id).Path, SeedBody(seed));
        }
    }

    /// <summary>The principal whose token authenticated this request (set by ARM, Graph and Astro auth), or null.</summary>
    public static EmulatorPrincipal? PrincipalOf(HttpContext context) =>
        context.Items.TryGetValue(PrincipalItem, out var p) ? p as EmulatorPrincipal : null;

    internal static void SetPrincipal(HttpContext context, EmulatorPrincipal principal) => context.Items[PrincipalItem] = principal;

    public AzureTenant? FindTenant(string tenantId) =>
        Tenants.FirstOrDefault(t => t.Id.Equals(tenantId, StringComparison.OrdinalIgnoreCase));

    public AzureSubscription? FindSubscription(string subscriptionId) =>
        Subscriptions.FirstOrDefault(s => s.SubscriptionId.Equals(subscriptionId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Service principals of other publishers' apps in a tenant (seeded or created through Graph), not the tenant's own apps.</summary>
    public IReadOnlyList<ServicePrincipalRecord> ServicePrincipalsIn(string tenantId)
    {
        lock (Sync)
        {
            return _servicePrincipals.Where(sp => Same(sp.TenantId, tenantId)).ToList();
        }
    }

    /// <summary>Adds the tenant's service principal for <paramref name="appId"/>; null when one already exists (the caller answers 409).</summary>
    public ServicePrincipalRecord? AddServicePrincipal(string tenantId, string appId, string displayName)
    {
        lock (Sync)
        {
            var own = FindTenant(tenantId)?.Apps.Any(a => Same(a.ClientId, appId)) == true;
            if (own || _servicePrincipals.Any(sp => Same(sp.TenantId, tenantId) && Same(sp.AppId, appId)))
            {
                return null;
            }
            var record = new ServicePrincipalRecord(Guid.NewGuid().ToString(), tenantId, appId, displayName, DateTimeOffset.UtcNow);
            _servicePrincipals.Add(record);
            return record;
        }
    }

    /// <summary>False while a principal created through Graph has not yet replicated to ARM (Settings.PrincipalReplicationDelayMs).</summary>
    public bool IsVisibleToArm(string objectId)
    {
        lock (Sync)
        {
            var created = _servicePrincipals.FirstOrDefault(sp => Same(sp.ObjectId, objectId))?.CreatedAt ?? DateTimeOffset.MinValue;
            return created == DateTimeOffset.MinValue || DateTimeOffset.UtcNow >= created.AddMilliseconds(Settings.PrincipalReplicationDelayMs);
        }
    }

    /// <summary>Any known principal (app service principal, user, managed identity or another publisher's service principal) by object ID.</summary>
    public EmulatorPrincipal? FindPrincipal(string objectId)
    {
        lock (Sync)
        {
            if (_servicePrincipals.FirstOrDefault(sp => Same(sp.ObjectId, objectId)) is { } sp)
            {
                return new EmulatorPrincipal(sp.ObjectId, sp.TenantId, sp.AppId, EmulatorPrincipal.App, sp.DisplayName);
            }
            foreach (var tenant in Tenants)
            {
                if (tenant.Apps.FirstOrDefault(a => Same(a.ObjectId, objectId)) is { } app)
                {
                    return new EmulatorPrincipal(app.ObjectId, tenant.Id, app.ClientId, EmulatorPrincipal.App, app.DisplayName);
                }
                if (tenant.Users.FirstOrDefault(u => Same(u.ObjectId, objectId)) is { } user)
                {
                    return new EmulatorPrincipal(user.ObjectId, tenant.Id, null, EmulatorPrincipal.User, user.UserPrincipalName);
                }
            }
            var mi = ManagedIdentity;
            var identity = mi?.UserAssigned.Append(mi.SystemAssigned).FirstOrDefault(i => i is not null && Same(i.PrincipalId, objectId));
            return identity is null ? null
                : new EmulatorPrincipal(identity.PrincipalId, mi!.TenantId, identity.ClientId, EmulatorPrincipal.ManagedIdentity, identity.ResourceId);
        }
    }

    /// <summary>Every secret the scenario holds, so recorders can scrub them wherever they appear.</summary>
    public IReadOnlyList<string> Secrets()
    {
        lock (Sync)
        {
            return Organizations.SelectMany(o => o.Tokens.Select(t => t.Value))
                .Concat(Tenants.SelectMany(t => t.Apps.Select(a => a.Secret ?? "")))
                .Append(ManagedIdentity?.IdentityHeader ?? "")
                .Where(s => s.Length >= 4)
                .Distinct()
                .ToList();
        }
    }

    private static bool Same(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);

    private static JsonObject SeedBody(SeedResource seed)
    {
        var path = ArmPath.Parse(seed.Id);
        if (!path.IsResource || path.IsCollection)
        {
            throw new InvalidDataException($"Scenario resource id '{seed.Id}' is not a resource ID.");
        }
        var body = (JsonObject?)seed.Body?.DeepClone() ?? new JsonObject();
        body["id"] ??= path.Path;
        body["name"] ??= path.Name;
        body["type"] ??= path.ResourceType;
        if (seed.Location is not null)
        {
            body["location"] ??= seed.Location;
        }
        return body;
    }
}

/// <summary>A tenant's service principal of another publisher's app. CreatedAt is MinValue for seeded ones.</summary>
public sealed record ServicePrincipalRecord(string ObjectId, string TenantId, string AppId, string DisplayName, DateTimeOffset CreatedAt);

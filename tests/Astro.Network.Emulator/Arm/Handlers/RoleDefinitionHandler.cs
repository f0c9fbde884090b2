using System.Text.Json.Nodes;
using Astro.Network.Emulator.Arm.Rbac;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Authorization/roleDefinitions (authorization-RoleDefinitionsCalls.json, 2022-04-01): built-ins at every scope,
/// custom roles tenant-wide (stored once, shown with the subscription-form ID of the scope they are read at). PUT answers 201
/// (the only success the spec declares), DELETE 200 + body or 204.
/// </summary>
public sealed class RoleDefinitionHandler : ArmResourceHandler
{
    private const string FilterHelp = "roleName eq '{name}', type eq 'BuiltInRole'|'CustomRole', atScopeAndBelow()";
    private static readonly object WriteLock = new();

    public override string ResourceType => RbacData.DefinitionType;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2022-04-01", "2018-01-01-preview"];

    protected override IResult? GetAsync(ArmRequestContext ctx)
    {
        var role = RbacData.FindRole(ctx.State, ctx.Path.Name!);
        return role is not null && IsVisible(ctx, role, ctx.Path.Scope, below: true)
            ? EmulatorResult.Json(200, role.ToJson(ctx.Path.Scope))
            : RbacErrors.RoleDefinitionDoesNotExist(ctx.Path.Name!, 404);
    }

    protected override IResult? ListAsync(ArmRequestContext ctx)
    {
        var filter = ctx.Http.Request.Query["$filter"].ToString();
        var terms = RbacFilter.Parse(filter);
        if (terms is null || terms.Any(t => t.Name is not ("roleName" or "type" or "atScopeAndBelow()")))
        {
            return RbacErrors.UnsupportedFilter(filter, FilterHelp);
        }
        var scope = ctx.Path.Scope;
        var below = terms.Any(t => t.Name == "atScopeAndBelow()");
        var roles = RbacData.AllRoles(ctx.State)
            .Where(r => IsVisible(ctx, r, scope, below))
            .Where(r => terms.All(t => t.Name switch
            {
                "roleName" => r.RoleName.Equals(t.Value, StringComparison.OrdinalIgnoreCase),
                "type" => r.RoleType.Equals(t.Value, StringComparison.OrdinalIgnoreCase),
                _ => true,
            }));
        return ctx.Page(roles.Select(r => (JsonNode)r.ToJson(scope)));
    }

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var guid = ctx.Path.Name!;
        if (!Guid.TryParse(guid, out _))
        {
            return RbacErrors.InvalidRoleDefinition($"The role definition ID '{guid}' is not valid. The role definition ID must be a GUID.");
        }
        if (BuiltInRoles.Find(guid) is not null)
        {
            return RbacErrors.InvalidRoleDefinition($"The built-in role definition '{guid}' cannot be changed.");
        }
        var properties = (await ctx.ReadJsonAsync())?["properties"] as JsonObject;
        if (Validate(ctx, properties) is { } invalid)
        {
            return invalid;
        }
        var requested = RoleDefinitionRecord.FromStored(new JsonObject { ["name"] = guid, ["properties"] = properties!.DeepClone() });
        foreach (var scope in requested.AssignableScopes)
        {
            RbacErrors.Demand(ctx, "Microsoft.Authorization/roleDefinitions/write", scope, $"{scope.TrimEnd('/')}/providers/{RbacData.DefinitionType}/{guid}");
        }
        lock (WriteLock)
        {
            if (RbacData.AllRoles(ctx.State).Any(r => !r.Guid.Equals(guid, StringComparison.OrdinalIgnoreCase)
                && r.RoleName.Equals(requested.RoleName, StringComparison.OrdinalIgnoreCase) && (!r.IsCustom || IsCallersTenant(ctx, r))))
            {
                return ctx.Error(409, "RoleDefinitionWithSameNameExists", "A role definition cannot be updated with a name that already exists.");
            }
            var existing = RbacData.FindRole(ctx.State, guid);
            var now = DateTime.UtcNow.ToString("O");
            var record = requested with
            {
                Guid = guid.ToLowerInvariant(),
                RoleType = RoleDefinitionRecord.CustomRole,
                CreatedOn = existing?.CreatedOn ?? now,
                CreatedBy = existing is null ? ctx.Principal.ObjectId : existing.CreatedBy,
                UpdatedOn = now,
                UpdatedBy = ctx.Principal.ObjectId,
            };
            var body = record.ToJson(RbacScope.Root);
            ctx.Store.Put(RbacData.CustomRoleKey(record.Guid), body);
            return EmulatorResult.Json(201, record.ToJson(ctx.Path.Scope));
        }
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        var guid = ctx.Path.Name!;
        if (BuiltInRoles.Find(guid) is not null)
        {
            return Task.FromResult<IResult?>(RbacErrors.InvalidRoleDefinition($"The built-in role definition '{guid}' cannot be deleted."));
        }
        lock (WriteLock)
        {
            var role = RbacData.FindRole(ctx.State, guid);
            if (role is null || !IsCallersTenant(ctx, role))
            {
                return Task.FromResult<IResult?>(EmulatorResult.Empty(204));
            }
            foreach (var scope in role.AssignableScopes)
            {
                RbacErrors.Demand(ctx, "Microsoft.Authorization/roleDefinitions/delete", scope, $"{scope.TrimEnd('/')}/providers/{RbacData.DefinitionType}/{guid}");
            }
            if (RbacData.Assignments(ctx.State).Any(a => string.Equals(a.RoleGuid, role.Guid, StringComparison.OrdinalIgnoreCase)))
            {
                return Task.FromResult<IResult?>(ctx.Error(409, "RoleDefinitionHasAssignments",
                    "There are existing role assignments referencing role (code: RoleDefinitionHasAssignments)."));
            }
            ctx.Store.Delete(RbacData.CustomRoleKey(role.Guid));
            return Task.FromResult<IResult?>(EmulatorResult.Json(200, role.ToJson(ctx.Path.Scope)));
        }
    }

    /// <summary>roleName, permissions and assignableScopes are required; every assignable scope must exist in the caller's tenant.</summary>
    private static EmulatorResult? Validate(ArmRequestContext ctx, JsonObject? p)
    {
        if (p is null || string.IsNullOrWhiteSpace((string?)p["roleName"]))
        {
            return RbacErrors.InvalidRoleDefinition("The role definition must have a non-empty properties.roleName.");
        }
        if ((string?)p["type"] is { } type && !type.Equals(RoleDefinitionRecord.CustomRole, StringComparison.OrdinalIgnoreCase))
        {
            return RbacErrors.InvalidRoleDefinition($"The role type '{type}' is not valid: only CustomRole definitions can be written.");
        }
        if (p["permissions"] is not JsonArray { Count: > 0 } permissions || permissions.Any(x => x is not JsonObject))
        {
            return RbacErrors.InvalidRoleDefinition("The role definition must have at least one entry in properties.permissions.");
        }
        if (p["assignableScopes"] is not JsonArray { Count: > 0 } scopes || scopes.Any(s => (string?)s is null))
        {
            return RbacErrors.InvalidRoleDefinition("The role definition must have at least one entry in properties.assignableScopes.");
        }
        var missing = scopes.Select(s => (string)s!).FirstOrDefault(s => !ScopeExists(ctx, s));
        return missing is null ? null
            : RbacErrors.InvalidRoleDefinition($"The assignable scope '{missing}' is not valid: custom roles are assignable at existing subscriptions, resource groups or resources of this directory, not at '/'.");
    }

    private static bool ScopeExists(ArmRequestContext ctx, string scope)
    {
        var segments = RbacScope.Segments(scope);
        var sub = RbacScope.SubscriptionOf(scope) is { } id ? ctx.State.FindSubscription(id) : null;
        if (sub is null || !sub.TenantId.Equals(ctx.Principal.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var path = ArmPath.Parse(scope);
        return segments.Length switch
        {
            2 => true,
            4 => path.ResourceGroup is { } rg && sub.ResourceGroups.Any(g => g.Name.Equals(rg, StringComparison.OrdinalIgnoreCase)),
            _ => path is { IsResource: true, IsCollection: false } && ctx.Store.Get(scope) is not null,
        };
    }

    /// <summary>Built-ins everywhere; a custom role of the caller's tenant where assignable (and below with atScopeAndBelow / by ID).</summary>
    private static bool IsVisible(ArmRequestContext ctx, RoleDefinitionRecord role, string scope, bool below) =>
        !role.IsCustom || (IsCallersTenant(ctx, role)
            && role.AssignableScopes.Any(a => RbacScope.IsAtOrAbove(a, scope) || (below && RbacScope.IsAtOrAbove(scope, a))));

    /// <summary>A custom role belongs to the tenant of the subscriptions it is assignable in.</summary>
    private static bool IsCallersTenant(ArmRequestContext ctx, RoleDefinitionRecord role) =>
        role.AssignableScopes.Select(RbacScope.SubscriptionOf).OfType<string>()
            .Select(s => ctx.State.FindSubscription(s)?.TenantId).FirstOrDefault(t => t is not null)
            ?.Equals(ctx.Principal.TenantId, StringComparison.OrdinalIgnoreCase) == true;
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Arm.Rbac;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.Identity;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Authorization/roleAssignments (authorization-RoleAssignmentsCalls.json, 2022-04-01) at any scope, plus the
/// ById forms (same paths). Not an LRO. Writes need roleAssignments/write|delete at the scope; the uniqueness key is
/// (scope, role definition GUID, principal).
/// </summary>
public sealed class RoleAssignmentHandler : ArmResourceHandler
{
    private const string SeedStamp = "2024-01-15T09:00:00.0000000Z";
    private const string FilterHelp = "atScope(), principalId eq '{id}', assignedTo('{id}') and 'atScope() and assignedTo('{id}')'";
    private static readonly object WriteLock = new();

    public override string ResourceType => RbacData.AssignmentType;
    // 2018-01-01-preview is a published version too: the Azure CLI 2.45 SDK asks for later pages with it.
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2022-04-01", "2020-04-01-preview", "2018-01-01-preview"];

    protected override IResult? GetAsync(ArmRequestContext ctx) =>
        ctx.Store.Get(ctx.ResourceId) is { } stored
            ? EmulatorResult.Json(200, Present(stored))
            : ctx.Error(404, "RoleAssignmentNotFound", $"The role assignment '{ctx.Path.Name}' is not found.");

    /// <summary>No filter: at, above and below the scope; atScope(): at or above; principalId/assignedTo: that principal only.</summary>
    protected override IResult? ListAsync(ArmRequestContext ctx)
    {
        var filter = ctx.Http.Request.Query["$filter"].ToString();
        var terms = RbacFilter.Parse(filter);
        if (terms is null || terms.Any(t => t.Name is not ("atScope()" or "assignedTo()" or "principalId") || (t.Name != "atScope()" && t.Value is null)))
        {
            return RbacErrors.UnsupportedFilter(filter, FilterHelp);
        }
        var scope = ctx.Path.Scope;
        var atScope = terms.Any(t => t.Name == "atScope()");
        var principal = terms.FirstOrDefault(t => t.Value is not null)?.Value;
        var tenant = ctx.Principal.TenantId;
        var items = RbacData.Assignments(ctx.State)
            .Where(a => RbacScope.IsAtOrAbove(a.Scope, scope) || (!atScope && RbacScope.IsAtOrAbove(scope, a.Scope)))
            .Where(a => principal is null || a.PrincipalId.Equals(principal, StringComparison.OrdinalIgnoreCase))
            .Where(a => TenantOf(ctx, a.Scope) is not { } t || t.Equals(tenant, StringComparison.OrdinalIgnoreCase))
            .Select(a => (JsonNode)Present(new StoredResource(a.Id, a.Body, "")));
        return ctx.Page(items);
    }

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var scope = ctx.Path.Scope;
        RbacErrors.Demand(ctx, "Microsoft.Authorization/roleAssignments/write", scope, ctx.ResourceId);
        if (!Guid.TryParse(ctx.Path.Name, out _))
        {
            return ctx.Error(400, "InvalidRoleAssignmentId", $"The role assignment ID '{ctx.Path.Name}' is not valid. The role assignment ID must be a GUID.");
        }
        var properties = (await ctx.ReadJsonAsync())?["properties"] as JsonObject;
        var roleDefinitionId = (string?)properties?["roleDefinitionId"];
        var principalId = (string?)properties?["principalId"];
        if (string.IsNullOrEmpty(roleDefinitionId) || string.IsNullOrEmpty(principalId))
        {
            return ArmErrors.InvalidRequestContent("The request content was invalid: properties.roleDefinitionId and properties.principalId are required.");
        }
        var roleGuid = RbacScope.RoleGuidOf(roleDefinitionId);
        var role = roleGuid is null ? null : RbacData.FindRole(ctx.State, roleGuid);
        if (role is null || !role.IsAssignableAt(scope))
        {
            return RbacErrors.RoleDefinitionDoesNotExist(roleGuid ?? roleDefinitionId);
        }
        var tenant = TenantOf(ctx, scope) ?? ctx.Principal.TenantId;
        var assignee = ctx.State.FindPrincipal(principalId);
        if (assignee is null || !assignee.TenantId.Equals(tenant, StringComparison.OrdinalIgnoreCase) || !ctx.State.IsVisibleToArm(principalId))
        {
            return RbacErrors.PrincipalNotFound(principalId, tenant);
        }
        var actualType = assignee.Kind == EmulatorPrincipal.User ? "User" : "ServicePrincipal";
        if ((string?)properties!["principalType"] is { } givenType && !givenType.Equals(actualType, StringComparison.OrdinalIgnoreCase))
        {
            return RbacErrors.UnmatchedPrincipalType(principalId, actualType, givenType);
        }
        lock (WriteLock)
        {
            if (ctx.Store.Get(ctx.ResourceId) is { } same)
            {
                // A PUT to the same name for the same principal, role and scope updates the description and condition and
                // answers 201 again (recording authorization/test_role_assignment_create_update.yaml · 10 and 12); any other
                // change is refused.
                var existing = RbacData.ToAssignment(same.Id, same.Body);
                if (!SameGrant(existing, roleGuid!, principalId))
                {
                    return RbacErrors.RoleAssignmentUpdateNotPermitted();
                }
                var updated = same.Body.DeepClone().AsObject();
                var props = updated["properties"]!.AsObject();
                props["description"] = properties["description"]?.DeepClone();
                props["condition"] = properties["condition"]?.DeepClone();
                props["conditionVersion"] = properties["conditionVersion"]?.DeepClone();
                props["updatedOn"] = DateTime.UtcNow.ToString("O");
                props["updatedBy"] = ctx.Principal.ObjectId;
                var (_, rewritten) = ctx.Store.Put(ctx.ResourceId, updated);
                return EmulatorResult.Json(201, Present(rewritten!));
            }
            if (RbacData.Assignments(ctx.State).FirstOrDefault(a => RbacScope.Same(a.Scope, scope) && SameGrant(a, roleGuid!, principalId)) is { } duplicate)
            {
                return RbacErrors.RoleAssignmentExists(duplicate.Name);
            }
            var now = DateTime.UtcNow.ToString("O");
            var body = WithIdentity(ctx, new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["roleDefinitionId"] = RbacScope.RoleDefinitionId(scope, role.Guid),
                    ["principalId"] = assignee.ObjectId,
                    ["principalType"] = actualType,
                    ["scope"] = scope,
                    ["condition"] = properties["condition"]?.DeepClone(),
                    ["conditionVersion"] = properties["conditionVersion"]?.DeepClone(),
                    ["createdOn"] = now,
                    ["updatedOn"] = now,
                    ["createdBy"] = ctx.Principal.ObjectId,
                    ["updatedBy"] = ctx.Principal.ObjectId,
                    ["delegatedManagedIdentityResourceId"] = properties["delegatedManagedIdentityResourceId"]?.DeepClone(),
                    ["description"] = properties["description"]?.DeepClone(),
                },
            });
            var (_, stored) = ctx.Store.Put(ctx.ResourceId, body, ifNoneMatch: "*");
            return EmulatorResult.Json(201, Present(stored!));
        }
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        RbacErrors.Demand(ctx, "Microsoft.Authorization/roleAssignments/delete", ctx.Path.Scope, ctx.ResourceId);
        lock (WriteLock)
        {
            var stored = ctx.Store.Get(ctx.ResourceId);
            if (stored is null)
            {
                return Task.FromResult<IResult?>(EmulatorResult.Empty(204));
            }
            ctx.Store.Delete(ctx.ResourceId);
            return Task.FromResult<IResult?>(EmulatorResult.Json(200, Present(stored)));
        }
    }

    /// <summary>The spec's RoleAssignment: canonical scope and subscription-form roleDefinitionId; seeds get their defaults.</summary>
    public override JsonObject Present(StoredResource stored)
    {
        var body = stored.Body;
        var path = ArmPath.Parse(stored.Id);
        body["id"] = path.Path;
        body["name"] = path.Name;
        body["type"] = RbacData.AssignmentType;
        var p = Properties(body);
        p["roleDefinitionId"] = RbacScope.RoleGuidOf((string?)p["roleDefinitionId"]) is { } guid
            ? RbacScope.RoleDefinitionId(path.Scope, guid) : p["roleDefinitionId"]?.DeepClone();
        p["scope"] = path.Scope;
        foreach (var key in new[] { "principalType", "condition", "conditionVersion", "createdBy", "updatedBy", "delegatedManagedIdentityResourceId", "description" })
        {
            p[key] ??= null;
        }
        p["createdOn"] ??= SeedStamp;
        p["updatedOn"] ??= (string?)p["createdOn"];
        return body;
    }

    private static bool SameGrant(RoleAssignmentRecord a, string roleGuid, string principalId) =>
        string.Equals(a.RoleGuid, roleGuid, StringComparison.OrdinalIgnoreCase) && a.PrincipalId.Equals(principalId, StringComparison.OrdinalIgnoreCase);

    private static string? TenantOf(ArmRequestContext ctx, string scope) =>
        RbacScope.SubscriptionOf(scope) is { } sub ? ctx.State.FindSubscription(sub)?.TenantId : null;
}

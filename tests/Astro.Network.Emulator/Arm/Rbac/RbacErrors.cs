using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.Identity;

namespace Astro.Network.Emulator.Arm.Rbac;

/// <summary>Microsoft.Authorization errors, worded as observed on the wire where known ([inf] codes are marked in the README).</summary>
public static class RbacErrors
{
    /// <summary>Throws 403 AuthorizationFailed unless the caller may perform <paramref name="action"/> at <paramref name="scope"/>.</summary>
    public static void Demand(ArmRequestContext ctx, string action, string scope, string? target = null)
    {
        if (!RbacEvaluator.IsAllowed(ctx.State, ctx.Principal.ObjectId, action, scope))
        {
            throw new ArmRequestException(AuthorizationFailed(ctx.Principal, action, target ?? scope));
        }
    }

    public static EmulatorResult AuthorizationFailed(EmulatorPrincipal caller, string action, string scope)
    {
        var client = caller.Kind == EmulatorPrincipal.User ? caller.Name : caller.AppId;
        return ArmErrors.Error(403, "AuthorizationFailed",
            $"The client '{client ?? caller.ObjectId}' with object id '{caller.ObjectId}' does not have authorization or an ABAC condition not fulfilled to perform action '{action}' over scope '{scope}' or the scope is invalid. If access was recently granted, please refresh your credentials.");
    }

    public static EmulatorResult RoleDefinitionDoesNotExist(string guid, int status = 400) =>
        ArmErrors.Error(status, "RoleDefinitionDoesNotExist", $"The specified role definition with ID '{guid}' does not exist.");

    public static EmulatorResult InvalidRoleDefinition(string message) => ArmErrors.Error(400, "InvalidRoleDefinition", message);

    public static EmulatorResult PrincipalNotFound(string principalId, string tenantId) =>
        ArmErrors.Error(400, "PrincipalNotFound",
            $"Principal {Compact(principalId)} does not exist in the directory {tenantId}. Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype");

    public static EmulatorResult UnmatchedPrincipalType(string principalId, string actual, string specified) =>
        ArmErrors.Error(400, "UnmatchedPrincipalType",
            $"The PrincipalId '{Compact(principalId)}' has type '{actual}' , which is different from specified PrinciaplType '{specified}'.");

    public static EmulatorResult RoleAssignmentExists(string existingName) =>
        ArmErrors.Error(409, "RoleAssignmentExists", $"The role assignment already exists. The ID of the existing role assignment is {Compact(existingName)}.");

    public static EmulatorResult RoleAssignmentUpdateNotPermitted() =>
        ArmErrors.Error(400, "RoleAssignmentUpdateNotPermitted", "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");

    public static EmulatorResult UnsupportedFilter(string filter, string supported) =>
        ArmErrors.Error(400, "UnsupportedQuery", $"The filter '{filter}' is not supported. Supported filters: {supported}.");

    /// <summary>A GUID written as ARM writes it in these messages: 32 hex digits, no dashes.</summary>
    public static string Compact(string id) => Guid.TryParse(id, out var g) ? g.ToString("N") : id;
}

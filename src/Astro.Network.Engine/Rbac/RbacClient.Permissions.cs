using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>Can the caller write role assignments at a scope? Asked before Grant writes anything.</summary>
    internal sealed partial class RbacClient
    {
        public const string RoleAssignmentWriteAction = "Microsoft.Authorization/roleAssignments/write";

        /// <summary>
        /// Resource and resource-group scopes: the permissions API (Permissions_ListForResource/-ResourceGroup). Subscription
        /// scope: the saved spec has no permissions operation there, so the caller's assignments at or above the subscription
        /// (assignedTo, which includes group memberships) are read with their role definitions and evaluated.
        /// </summary>
        public async Task<PermissionCheckResult> CheckRoleAssignmentWriteAsync(string scope, string? callerObjectId, CancellationToken ct)
        {
            var at = RbacIds.RequireScope(scope);
            var segments = at.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length < 2 || !segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
            {
                throw new AstroNetworkException("InvalidScope", FailureKind.InvalidArgument,
                    $"'{scope}' is not a subscription, resource group or resource scope.", scope);
            }

            return segments.Length == 2
                ? await CheckFromAssignmentsAsync(at, callerObjectId, ct).ConfigureAwait(false)
                : await CheckFromPermissionsApiAsync(at, ct).ConfigureAwait(false);
        }

        /// <summary>ARM's evaluation: allowed when any block grants the action (its notActions subtract only within that block).</summary>
        public static bool Grants(IEnumerable<PermissionBlock> blocks, string action) => blocks.Any(b => b.Grants(action));

        private async Task<PermissionCheckResult> CheckFromPermissionsApiAsync(string scope, CancellationToken ct)
        {
            var items = await arm.ListAsync(scope + RbacIds.Provider + "/permissions", ApiVersions.Authorization, ct).ConfigureAwait(false);
            var blocks = items.Select(i => new PermissionBlock(JsonNodes.Strings(i["actions"]), JsonNodes.Strings(i["notActions"]))).ToList();
            var allowed = Grants(blocks, RoleAssignmentWriteAction);
            return new PermissionCheckResult(scope, allowed, true, PermissionCheckResult.PermissionsApi,
                allowed
                    ? $"The caller's permissions at this scope include {RoleAssignmentWriteAction}."
                    : $"None of the caller's {blocks.Count} permission set(s) at this scope grants {RoleAssignmentWriteAction} (Owner, User Access Administrator or Role Based Access Control Administrator do).");
        }

        private async Task<PermissionCheckResult> CheckFromAssignmentsAsync(string scope, string? callerObjectId, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(callerObjectId))
            {
                return new PermissionCheckResult(scope, false, false, PermissionCheckResult.RoleAssignments,
                    "The signed-in account's object ID is unknown (its token has no oid claim), so its role assignments cannot be read.");
            }

            var caller = RbacIds.RequireGuid(callerObjectId, "caller object ID");
            var assignments = (await ListAssignmentsAsync(scope, $"assignedTo('{caller}')", ct).ConfigureAwait(false))
                .Where(a => RbacIds.IsAtOrAbove(a.Scope, scope) || RbacIds.IsManagementGroup(a.Scope))
                .ToList();
            var granting = new List<string>();
            foreach (var roleId in assignments.Select(a => a.RoleDefinitionId).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var role = await GetRoleDefinitionAsync(roleId, ct).ConfigureAwait(false);
                if (role != null && Grants(role.Permissions, RoleAssignmentWriteAction))
                {
                    granting.Add(role.RoleName);
                }
            }

            return new PermissionCheckResult(scope, granting.Count > 0, true, PermissionCheckResult.RoleAssignments,
                granting.Count > 0
                    ? $"Granted {RoleAssignmentWriteAction} by: {string.Join(", ", granting)}."
                    : $"None of the caller's {assignments.Count} role assignment(s) at or above this scope grants {RoleAssignmentWriteAction}.");
        }
    }
}

using System;
using System.Collections.Generic;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>Authorization failures with their own stable ids.</summary>
    internal static class RbacErrors
    {
        public static AstroNetworkException PrincipalNotReplicated(string principalId, TimeSpan waited, AstroNetworkException cause) =>
            new AstroNetworkException("PrincipalNotReplicated", FailureKind.OperationTimeout,
                $"Azure Resource Manager still does not see principal {principalId} after {waited.TotalSeconds:0.#} s of retries. "
                + "A newly created service principal takes a while to replicate across Microsoft Entra ID; nothing is wrong with it.",
                principalId, cause)
            {
                Status = cause.Status,
                ServiceCode = cause.ServiceCode,
                RequestId = cause.RequestId,
                RecommendedAction = "Run the command again in a few minutes; assignments already made are kept and not duplicated.",
            };

        public static AstroNetworkException NotCustomRole(RoleDefinitionInfo existing) =>
            new AstroNetworkException("RoleNameTaken", FailureKind.InvalidOperation,
                $"A role named '{existing.RoleName}' already exists as a {existing.Type} ({existing.Id}); a custom role of that name cannot be created.",
                existing.Id);

        public static AstroNetworkException ForeignRoleLacksActions(RoleDefinitionInfo existing, IReadOnlyList<string> missing) =>
            new AstroNetworkException("CustomRoleLacksActions", FailureKind.InvalidOperation,
                $"The custom role '{existing.RoleName}' ({existing.Id}) was not created by Astro.Network and does not allow {string.Join(", ", missing)}. "
                + "The module never changes a role it did not create.",
                existing.Id)
            {
                RecommendedAction = "Add the missing actions to the role yourself, or grant with -RoleMode NetworkContributor.",
            };

        public static AstroNetworkException ForeignRoleNotAssignable(RoleDefinitionInfo existing, string scope) =>
            new AstroNetworkException("CustomRoleNotAssignable", FailureKind.InvalidOperation,
                $"The custom role '{existing.RoleName}' ({existing.Id}) exists in this tenant, assignable at {string.Join(", ", existing.AssignableScopes)} "
                + $"but not at {scope}. Role names are unique in a tenant, so no second role of that name can be created, and Astro.Network "
                + "did not create this one, so it does not change it.",
                existing.Id)
            {
                RecommendedAction = $"Add {scope} to the role's assignable scopes yourself, or grant with -RoleMode NetworkContributor.",
            };
    }
}

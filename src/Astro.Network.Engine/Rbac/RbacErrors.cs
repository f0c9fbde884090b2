using System;

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
    }
}

using System.Collections.Generic;

namespace Astro.Network.Engine.WorkloadIdentity
{
    /// <summary>Every workload identity failure with its stable ErrorId, in one place so ids stay unique and documented.</summary>
    internal static class WorkloadIdentityErrors
    {
        public static AstroNetworkException InvalidIdentityId(string? input, string reason) => new AstroNetworkException(
            "InvalidResourceId", FailureKind.InvalidArgument,
            $"'{input}' is not a valid user-assigned managed identity ID ({reason}). Expected " +
            $"/subscriptions/<id>/resourceGroups/<rg>/providers/{ManagedIdentityId.ResourceType}/<name>.", input);

        public static AstroNetworkException WrongResourceType(string? input, string resourceType) => new AstroNetworkException(
            "WrongResourceType", FailureKind.InvalidArgument,
            $"'{input}' is a {resourceType} ID; workload identity needs a {ManagedIdentityId.ResourceType} ID " +
            "(federated credentials exist only on user-assigned managed identities).", input);

        public static AstroNetworkException InvalidWorkload(string workload, IEnumerable<string> valid) => new AstroNetworkException(
            "InvalidWorkload", FailureKind.InvalidArgument,
            $"'{workload}' is not an Airflow component Astro federates; use one of: {string.Join(", ", valid)}.", workload);

        public static AstroNetworkException IdentityNotFound(string identityId) => new AstroNetworkException(
            "ManagedIdentityNotFound", FailureKind.ObjectNotFound,
            $"The user-assigned managed identity '{identityId}' does not exist or the signed-in account cannot read it.", identityId)
        { RecommendedAction = "Check the identity's resource ID and that the account has Managed Identity Contributor (or Reader to list) on it." };

        public static AstroNetworkException DeploymentNotReady(AstroDeployment deployment, string reason) => new AstroNetworkException(
            "DeploymentNotReadyForWorkloadIdentity", FailureKind.InvalidOperation,
            $"Astro Deployment '{deployment.Name}' ({deployment.Id}) {reason}, so its federated credentials cannot be formed.", deployment.Id)
        { RecommendedAction = "Wait until the Deployment is created and healthy (Get-AstroDeployment shows Namespace and OidcIssuerUrl), then run the command again." };

        public static AstroNetworkException Conflict(string identityId, string name, string expected, string found) => new AstroNetworkException(
            "FederatedCredentialConflict", FailureKind.ResourceExists,
            $"The identity '{identityId}' already has a federated credential named '{name}' with other content ({found}); " +
            $"this Deployment needs {expected}. Nothing was changed.", name)
        { RecommendedAction = "Inspect it with Get-AstroWorkloadIdentity; delete or rename the credential if it is stale, or use another identity." };

        public static AstroNetworkException LimitExceeded(string identityId, int existing, int toCreate, int limit) => new AstroNetworkException(
            "FederatedCredentialLimitExceeded", FailureKind.LimitsExceeded,
            $"The identity '{identityId}' has {existing} federated identity credentials and this Deployment needs {toCreate} more; " +
            $"Azure allows at most {limit} per identity ({existing + toCreate - limit} too many). Astro's guidance: with the default 4 " +
            "components one identity serves at most 4 Deployments (2 with disaster recovery, whose issuer needs its own credentials). Nothing was changed.", identityId)
        { RecommendedAction = "Use another user-assigned managed identity for this Deployment, or remove credentials that are no longer needed (Remove-AstroWorkloadIdentity)." };

        public static AstroNetworkException VerificationFailed(string identityId, string name, string what) => new AstroNetworkException(
            "FederatedCredentialVerificationFailed", FailureKind.InvalidData,
            $"After writing, the federated credential '{name}' on '{identityId}' {what}; another writer may have changed the identity.", name)
        { RecommendedAction = "Run Get-AstroWorkloadIdentity to inspect the identity, then run the command again." };
    }
}

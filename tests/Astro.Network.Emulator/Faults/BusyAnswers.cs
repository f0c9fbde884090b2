using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Faults;

/// <summary>
/// The real "resource is busy" answers, one per service, as fault rules that refuse the next writes (PUT, PATCH,
/// DELETE) on one resource path. Each answer names its source; none is in ../shared/azure-recordings (its README, §5,
/// lists 409 AnotherOperationInProgress and 429 among the behaviours no recording shows).
/// </summary>
public static class BusyAnswers
{
    public static readonly IReadOnlyList<string> Kinds = ["cosmos", "sql", "aks", "fic", "throttle"];

    /// <param name="kind">cosmos, sql, aks, fic or throttle.</param>
    /// <param name="resourcePath">The path whose writes answer busy (a resource ID or a child's).</param>
    public static FaultRule For(string kind, string resourcePath, int count, int? retryAfterSeconds)
    {
        var name = resourcePath.TrimEnd('/').Split('/')[^1];
        var (status, body) = kind.ToLowerInvariant() switch
        {
            // Cosmos DB control plane, flat error: 412 PreconditionFailed with no If-Match involved (as reported from the
            // service in hashicorp/terraform-provider-azurerm#15842).
            "cosmos" => (412, Flat("PreconditionFailed",
                $"There is another user operation in progress which requires an exclusive lock on [{name}]. Please retry after sometime.\r\n"
                + $"ActivityId: {Guid.NewGuid()}, Microsoft.Azure.Documents.Common/2.14.0")),
            // SQL firewall rules: azure-specs sql 2021-11-01 FirewallRules.json, CreateOrUpdate/Delete error responses.
            "sql" => (409, Wrapped("OperationInterrupted",
                "The operation on the resource could not be completed because it was interrupted by another operation on the same resource.")),
            // AKS: Microsoft Learn troubleshoot/azure/azure-kubernetes/create-upgrade-delete/operationnotallowed.
            "aks" => (409, Flat("OperationNotAllowed",
                "Operation is not allowed: Another operation (Updating) is in progress, please wait for it to finish before starting a new operation. "
                + "See https://aka.ms/aks-pending-operation for more details")),
            // Federated identity credentials: Microsoft Learn "Important considerations and restrictions for federated
            // identity credentials" (409 on concurrent writes); code and text as FederatedIdentityCredentialHandler answers.
            "fic" => (409, Wrapped("ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity",
                $"Too many Federated Identity Credentials are written concurrently for the managed identity '{OwnerOf(resourcePath)}'. "
                + "Concurrent Federated Identity Credentials writes under the same managed identity are not supported.")),
            // ARM throttling: Microsoft Learn "Understand how Azure Resource Manager throttles requests" (429 + Retry-After;
            // the message wording [inf]).
            "throttle" => (429, Wrapped("TooManyRequests", "The request is being throttled as the limit has been reached for operation type - Write.")),
            _ => throw new ArgumentException($"Unknown busy kind '{kind}'; one of {string.Join(", ", Kinds)}."),
        };
        return new FaultRule
        {
            Service = "arm", WritesOnly = true, PathContains = resourcePath, Status = status, Body = body, Count = count,
            RetryAfterSeconds = retryAfterSeconds ?? (status == 429 ? 1 : null),
        };
    }

    private static JsonObject Flat(string code, string message) => new() { ["code"] = code, ["message"] = message };

    private static JsonObject Wrapped(string code, string message) => new() { ["error"] = Flat(code, message) };

    private static string OwnerOf(string path)
    {
        var at = path.IndexOf("/federatedIdentityCredentials", StringComparison.OrdinalIgnoreCase);
        return (at > 0 ? path[..at] : path).ToLowerInvariant();
    }
}

using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.PrivateLink
{
    /// <summary>
    /// How one resource type's {resource}/privateEndpointConnections differ (per its pinned swagger). The calls are the
    /// same for every type; LROs, paging, Key Vault's 204 and flat errors are handled by the REST layer and the service.
    /// </summary>
    internal sealed class PrivateLinkProfile
    {
        public PrivateLinkProfile(string resourceType, string apiVersion, string? writableActionsField, params string[] groupIds)
        {
            ResourceType = resourceType;
            ApiVersion = apiVersion;
            WritableActionsField = writableActionsField;
            GroupIds = groupIds;
        }

        /// <summary>"Microsoft.Storage/storageAccounts".</summary>
        public string ResourceType { get; }

        public string ApiVersion { get; }

        /// <summary>
        /// The state's actions field as a PUT may carry it ("actionsRequired", Storage's "actionRequired"); null where the
        /// spec makes it read-only (SQL, Cosmos DB) or has none (Event Hubs, Service Bus), so the PUT leaves it out.
        /// </summary>
        public string? WritableActionsField { get; }

        /// <summary>
        /// The service refuses to approve a Rejected connection (Storage: recording storage/test_storage_account_private_endpoint
        /// #22; SQL: PrivateEndpointConnectionStatusNotPending in its REST reference). Key Vault approves it (keyvault recording
        /// #31-32); for the rest the write is tried and a refusal reported the same way.
        /// </summary>
        public bool RejectedIsFinal { get; set; }

        /// <summary>The Private Link sub-resources the type offers; empty for a private link service (no group ID).</summary>
        public IReadOnlyList<string> GroupIds { get; }

        /// <summary>Extra endpoint support must know about (container registries' data endpoint), from the resource's GET body.</summary>
        public Func<string, JsonObject, string?> DataEndpoint { get; set; } = (_, _) => null;
    }
}

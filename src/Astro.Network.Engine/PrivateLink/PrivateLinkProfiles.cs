using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.PrivateLink
{
    /// <summary>The registry of resource types whose private endpoint connections the module approves (azure-specs §4.4, §6).</summary>
    internal static class PrivateLinkProfiles
    {
        private const string Actions = "actionsRequired";

        private static readonly PrivateLinkProfile[] All =
        {
            // 200 sync; list not paged; the state spells actionRequired.
            new PrivateLinkProfile("Microsoft.Storage/storageAccounts", ApiVersions.Storage, "actionRequired",
                "blob", "blob_secondary", "table", "table_secondary", "queue", "queue_secondary", "file", "file_secondary",
                "web", "web_secondary", "dfs", "dfs_secondary") { RejectedIsFinal = true },
            // 200 with Retry-After/Azure-AsyncOperation but not flagged LRO; GET of a missing connection answers 204; etag in body.
            new PrivateLinkProfile("Microsoft.KeyVault/vaults", ApiVersions.KeyVault, Actions, "vault"),
            // LRO 200/202; status and description required; actionsRequired read-only.
            new PrivateLinkProfile("Microsoft.Sql/servers", ApiVersions.Sql, null, "sqlServer") { RejectedIsFinal = true },
            // LRO 200/202; list not paged; flat errors; actionsRequired read-only.
            new PrivateLinkProfile("Microsoft.DocumentDB/databaseAccounts", ApiVersions.DocumentDb, null,
                "Sql", "MongoDB", "Cassandra", "Gremlin", "Table", "Analytical", "SqlDedicated"),
            // LRO 200/201, final-state-via azure-async-operation.
            new PrivateLinkProfile("Microsoft.ContainerRegistry/registries", ApiVersions.ContainerRegistry, Actions, "registry")
            {
                DataEndpoint = RegistryDataEndpoint,
            },
            // LRO 200/202.
            new PrivateLinkProfile("Microsoft.Web/sites", ApiVersions.Web, Actions, "sites"),
            // 200/201/202, not flagged LRO; the state has no actions field.
            new PrivateLinkProfile("Microsoft.EventHub/namespaces", ApiVersions.EventHub, null, "namespace"),
            new PrivateLinkProfile("Microsoft.ServiceBus/namespaces", ApiVersions.ServiceBus, null, "namespace"),
            // 200 sync; connections to a private link service take no group ID.
            new PrivateLinkProfile("Microsoft.Network/privateLinkServices", ApiVersions.Network, Actions),
        };

        /// <summary>Types users may expect that the pinned specs cannot serve, with the reason.</summary>
        private static readonly Dictionary<string, string> Unsupported = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Microsoft.DBforPostgreSQL/flexibleServers"] =
                $"the pinned Microsoft.DBforPostgreSQL API ({ApiVersions.PostgreSqlFlexible}) has no privateEndpointConnections operations",
        };

        public static IReadOnlyList<string> SupportedTypes { get; } = All.Select(p => p.ResourceType).ToList();

        public static PrivateLinkProfile For(string resourceType) =>
            All.FirstOrDefault(p => string.Equals(p.ResourceType, resourceType, StringComparison.OrdinalIgnoreCase))
            ?? throw PrivateLinkErrors.UnsupportedResourceType(resourceType, Unsupported.TryGetValue(resourceType, out var why) ? why : null, SupportedTypes);

        // {registry}.{region}.data.azurecr.io: the host support must map in the private DNS zone besides the login server.
        private static string? RegistryDataEndpoint(string name, JsonObject registry) =>
            JsonNodes.Text(registry, "location") is { Length: > 0 } location
                ? $"{name.ToLowerInvariant()}.{location.Replace(" ", "").ToLowerInvariant()}.data.azurecr.io"
                : null;
    }
}

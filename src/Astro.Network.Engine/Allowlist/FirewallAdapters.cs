using System;
using System.Collections.Generic;
using System.Linq;
using Astro.Network.Engine.Allowlist.Adapters;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>The registry of supported resource types (ARM types are case-insensitive).</summary>
    internal static class FirewallAdapters
    {
        private static readonly IFirewallAdapter[] All =
        {
            new StorageAccountAdapter(),
            new KeyVaultAdapter(),
            new SqlServerAdapter(),
            new PostgreSqlFlexibleServerAdapter(),
            new MySqlFlexibleServerAdapter(),
            new CosmosDbAdapter(),
            new ContainerRegistryAdapter(),
            new EventHubNamespaceAdapter(),
            new ServiceBusNamespaceAdapter(),
            new AppServiceAdapter(),
            new ManagedClusterAdapter(),
            new NetworkSecurityGroupAdapter(),
            new SynapseWorkspaceAdapter(),
            new RedisCacheAdapter(),
            new EventGridTopicAdapter(),
            new EventGridDomainAdapter(),
            new SearchServiceAdapter(),
            new KustoClusterAdapter(),
            new IpGroupAdapter(),
            new ContainerAppAdapter(),
        };

        public static IReadOnlyList<string> SupportedTypes { get; } = All.Select(a => a.ResourceType).ToList();

        public static IFirewallAdapter For(string resourceType) =>
            All.FirstOrDefault(a => string.Equals(a.ResourceType, resourceType, StringComparison.OrdinalIgnoreCase))
            ?? throw AllowlistErrors.UnsupportedResourceType(resourceType, SupportedTypes);
    }
}

using System.Collections.Generic;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Azure Cache for Redis: redis/{c}/firewallRules/{name} {startIP, endIP} (redis.json 2024-03-01), synchronous PUT (200/201)
    /// and DELETE (200/204). Rule names take letters, digits and underscores only, so the module's are "astro_{owner}_{address}"
    /// (hashicorp/terraform-provider-azurerm#2903: Azure refuses hyphens). Never Redis_Create: it re-creates the cache.
    /// </summary>
    internal sealed class RedisCacheAdapter : FirewallRuleChildAdapter
    {
        public RedisCacheAdapter()
            : base("Microsoft.Cache/redis", ApiVersions.Redis, "startIP", "endIP", nameSeparator: '_')
        {
        }

        /// <summary>
        /// learn.microsoft.com/azure/azure-cache-for-redis/cache-network-isolation: firewall rules work on every tier (Basic,
        /// Standard, Premium); with none, every address may connect while public network access is enabled, and once one
        /// exists only the listed ranges can. Public access Disabled leaves only private endpoints.
        /// </summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context)
        {
            var access = PublicAccessOrInForce(snapshot);
            return access.State == EffectiveAccess.Restricted && entries.Count == 0
                ? AccessAssessment.EmptyMeansOpen(snapshot.Resource, "it has no firewall rule, which Azure Cache for Redis treats as no restriction.")
                : access;
        }
    }
}

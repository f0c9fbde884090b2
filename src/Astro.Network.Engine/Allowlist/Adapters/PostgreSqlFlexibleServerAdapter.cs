namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>PostgreSQL flexible servers: firewallRules/{name} (name ^[-\w\._]+$), long-running PUT/DELETE.</summary>
    internal sealed class PostgreSqlFlexibleServerAdapter : FirewallRuleChildAdapter
    {
        public PostgreSqlFlexibleServerAdapter()
            : base("Microsoft.DBforPostgreSQL/flexibleServers", ApiVersions.PostgreSqlFlexible)
        {
        }
    }
}

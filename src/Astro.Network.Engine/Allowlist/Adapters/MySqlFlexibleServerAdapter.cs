namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>MySQL flexible servers: firewallRules/{name} (no dots in names), long-running PUT/DELETE.</summary>
    internal sealed class MySqlFlexibleServerAdapter : FirewallRuleChildAdapter
    {
        public MySqlFlexibleServerAdapter()
            : base("Microsoft.DBforMySQL/flexibleServers", ApiVersions.MySqlFlexible)
        {
        }
    }
}

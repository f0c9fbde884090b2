namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>Azure SQL logical servers: servers/{s}/firewallRules/{name}, synchronous PUT (201/200) and DELETE (200/204).</summary>
    internal sealed class SqlServerAdapter : FirewallRuleChildAdapter
    {
        public SqlServerAdapter()
            : base("Microsoft.Sql/servers", ApiVersions.Sql)
        {
        }
    }
}

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>Azure SQL logical servers: servers/{s}/firewallRules/{name}, synchronous PUT (200 for a new rule too, as live Azure answers; the spec says 201) and DELETE (200/204).</summary>
    internal sealed class SqlServerAdapter : FirewallRuleChildAdapter
    {
        public SqlServerAdapter()
            : base("Microsoft.Sql/servers", ApiVersions.Sql)
        {
        }
    }
}

using System.Collections.Generic;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>Azure SQL logical servers: servers/{s}/firewallRules/{name}, synchronous PUT (200 for a new rule too, as live Azure answers; the spec says 201) and DELETE (200/204).</summary>
    internal sealed class SqlServerAdapter : FirewallRuleChildAdapter
    {
        public SqlServerAdapter()
            : base("Microsoft.Sql/servers", ApiVersions.Sql)
        {
        }

        /// <summary>With public network access Disabled the service refuses rules: 400 DenyPublicEndpointEnabled (emulator SqlFirewallRuleHandler).</summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            string.Equals(JsonNodes.Text(snapshot.Document["properties"], "publicNetworkAccess"), "Disabled", System.StringComparison.OrdinalIgnoreCase)
                ? AccessAssessment.Refused("AllowlistPublicAccessDisabled",
                    $"Public network access to SQL server '{snapshot.Resource.Name}' is disabled: Azure refuses firewall rules (DenyPublicEndpointEnabled). Enable public network access first (az sql server update --enable-public-network true), or connect Astro through a private endpoint.")
                : AccessAssessment.InForce(snapshot.Resource);
    }
}

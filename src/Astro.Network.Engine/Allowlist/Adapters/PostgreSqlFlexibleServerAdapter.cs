using System.Collections.Generic;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>PostgreSQL flexible servers: firewallRules/{name} (name ^[-\w\._]+$), long-running PUT/DELETE.</summary>
    internal sealed class PostgreSqlFlexibleServerAdapter : FirewallRuleChildAdapter
    {
        public PostgreSqlFlexibleServerAdapter()
            : base("Microsoft.DBforPostgreSQL/flexibleServers", ApiVersions.PostgreSqlFlexible)
        {
        }

        /// <summary>learn.microsoft.com/azure/postgresql/flexible-server/concepts-networking: private access has no firewall rules.</summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            FlexibleServerAccess(snapshot);
    }
}

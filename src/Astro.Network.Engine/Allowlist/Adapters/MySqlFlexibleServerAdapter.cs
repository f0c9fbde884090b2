using System.Collections.Generic;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>MySQL flexible servers: firewallRules/{name} (no dots in names), long-running PUT/DELETE.</summary>
    internal sealed class MySqlFlexibleServerAdapter : FirewallRuleChildAdapter
    {
        public MySqlFlexibleServerAdapter()
            : base("Microsoft.DBforMySQL/flexibleServers", ApiVersions.MySqlFlexible)
        {
        }

        /// <summary>learn.microsoft.com/azure/mysql/flexible-server/concepts-networking: private access has no firewall rules.</summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            FlexibleServerAccess(snapshot);
    }
}

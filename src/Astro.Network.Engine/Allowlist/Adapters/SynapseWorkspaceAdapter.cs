using System.Collections.Generic;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Azure Synapse workspaces: workspaces/{w}/firewallRules/{name} {startIpAddress, endIpAddress} (firewallRule.json
    /// 2021-06-01), long-running PUT and DELETE (final state via Location). Never IpFirewallRules_ReplaceAll: it replaces every rule.
    /// </summary>
    internal sealed class SynapseWorkspaceAdapter : FirewallRuleChildAdapter
    {
        public SynapseWorkspaceAdapter()
            : base("Microsoft.Synapse/workspaces", ApiVersions.Synapse)
        {
        }

        /// <summary>
        /// No rule admits no client, as on SQL; with public network access Disabled the rules are kept but not applied
        /// (learn.microsoft.com/azure/synapse-analytics/security/connectivity-settings: "Selecting the Disable option won't apply
        /// any firewall rules that you might configure").
        /// </summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            PublicAccessOrInForce(snapshot);
    }
}

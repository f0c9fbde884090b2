using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Event Grid topics and domains share one contract (EventGrid.json 2022-06-15): properties.inboundIpRules
    /// [{ipMask, action: "Allow"}] (IPv4 CIDR), written by a long-running PATCH of the list only; entries carry no name, so
    /// the ownership record keeps their owners.
    /// </summary>
    internal abstract class EventGridInboundIpRulesAdapter : IpRuleListAdapter
    {
        protected EventGridInboundIpRulesAdapter(string resourceType)
            : base(resourceType, ApiVersions.EventGrid, new AllowlistCapabilities
            {
                RejectedClasses = AllowlistCapabilities.PrivateClasses,
                RejectedClassesReason = AllowlistCapabilities.PublicEgressReason,
            }, new[] { "properties", "inboundIpRules" }, copyDepth: 2, writeWithPut: false)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) => ParseValueItem(item, "ipMask");

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject { ["ipMask"] = range.ToCidrString(), ["action"] = "Allow" };

        /// <summary>
        /// learn.microsoft.com/azure/event-grid/configure-firewall: a topic or domain is reachable from the whole internet until
        /// IP rules restrict it; the spec says the rules are considered only while publicNetworkAccess is Enabled.
        /// </summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, JsonNodes.Text(snapshot.Document["properties"], "publicNetworkAccess"), null)
            ?? (entries.Count == 0
                ? AccessAssessment.EmptyMeansOpen(snapshot.Resource, "it has no inbound IP rule, which Event Grid treats as no restriction.")
                : AccessAssessment.InForce(snapshot.Resource));
    }
}

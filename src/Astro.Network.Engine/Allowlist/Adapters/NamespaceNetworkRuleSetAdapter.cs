using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Event Hubs and Service Bus namespaces share one contract: the singleton child networkRuleSets/default with
    /// properties.ipRules [{ipMask, action}], replaced by a PUT of the whole properties object. IPv4 only.
    /// </summary>
    internal abstract class NamespaceNetworkRuleSetAdapter : IpRuleListAdapter
    {
        private static readonly string[] Path = { "properties", "ipRules" };

        protected NamespaceNetworkRuleSetAdapter(string resourceType, string apiVersion)
            : base(resourceType, apiVersion, new AllowlistCapabilities
            {
                RejectedClasses = AllowlistCapabilities.PrivateClasses,
                RejectedClassesReason = AllowlistCapabilities.PublicEgressReason,
            }, Path, copyDepth: 1, writeWithPut: true)
        {
        }

        protected override string DocumentPath(ArmResourceId resource) => resource.Id + "/networkRuleSets/default";

        protected override FirewallEntry ParseItem(JsonNode item) => ParseValueItem(item, "ipMask");

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject { ["ipMask"] = range.ToString(), ["action"] = "Allow" };

        protected override string? ParentPath(ArmResourceId resource) => resource.Id;

        /// <summary>
        /// Basic has no IP firewall; no IP and no virtual network rule means the namespace is open to the internet whatever
        /// defaultAction says (learn.microsoft.com/azure/event-hubs/event-hubs-ip-filtering,
        /// learn.microsoft.com/azure/service-bus-messaging/service-bus-ip-filtering: Standard supports IP rules).
        /// </summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context)
        {
            var name = snapshot.Resource.Name;
            var tier = JsonNodes.Text(snapshot.Parent?["sku"], "tier") ?? JsonNodes.Text(snapshot.Parent?["sku"], "name");
            if (string.Equals(tier, "Basic", System.StringComparison.OrdinalIgnoreCase))
            {
                return AccessAssessment.Refused("AllowlistTierNotSupported",
                    $"Namespace '{name}' is on the Basic tier, which has no IP firewall: Azure refuses IP rules. Upgrade it to Standard or Premium first.");
            }

            var properties = snapshot.Document["properties"];
            var publicAccess = JsonNodes.Text(properties, "publicNetworkAccess") ?? JsonNodes.Text(snapshot.Parent?["properties"], "publicNetworkAccess");
            if (AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, publicAccess, null) is { } disabled)
            {
                return disabled;
            }

            if (entries.Count == 0 && properties?["virtualNetworkRules"] is not JsonArray { Count: > 0 })
            {
                return AccessAssessment.EmptyMeansOpen(snapshot.Resource, "it has no IP rule and no virtual network rule, which the service treats as open whatever defaultAction says.");
            }

            return AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, null, JsonNodes.Text(properties, "defaultAction") ?? "Allow")
                ?? AccessAssessment.InForce(snapshot.Resource);
        }
    }
}

using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Cosmos DB accounts: properties.ipRules [{ipAddressOrRange}], PATCH of ipRules only (long-running).
    /// IPv4 only; 10/8, 100.64/10, 172.16/12 and 192.168/16 are refused (spec text). An empty list admits everyone.
    /// </summary>
    internal sealed class CosmosDbAdapter : IpRuleListAdapter
    {
        public CosmosDbAdapter()
            : base("Microsoft.DocumentDB/databaseAccounts", ApiVersions.DocumentDb, new AllowlistCapabilities
            {
                RejectedClasses = new[] { IpClassification.Private, IpClassification.SharedAddressSpace },
                RejectedClassesReason = "Cosmos DB refuses 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12 and 192.168.0.0/16.",
                EmptyListMeansOpen = true,
            }, new[] { "properties", "ipRules" }, copyDepth: 2, writeWithPut: false)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) => ParseValueItem(item, "ipAddressOrRange");

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject { ["ipAddressOrRange"] = range.ToString() };

        /// <summary>Empty ipRules admit everyone unless a virtual network filter with rules is on (learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall).</summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context)
        {
            var properties = snapshot.Document["properties"];
            if (AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, JsonNodes.Text(properties, "publicNetworkAccess"), null) is { } moot)
            {
                return moot;
            }

            var vnetFilter = JsonNodes.IsTrue(properties?["isVirtualNetworkFilterEnabled"]) && properties?["virtualNetworkRules"] is JsonArray { Count: > 0 };
            return entries.Count == 0 && !vnetFilter
                ? AccessAssessment.EmptyMeansOpen(snapshot.Resource, "its ipRules are empty and no virtual network filter is on.")
                : AccessAssessment.InForce(snapshot.Resource);
        }
    }
}

using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Container registries: properties.networkRuleSet.ipRules [{action, value}], PATCH of the whole networkRuleSet
    /// (declared long-running, answered 200 Succeeded at once live: acr/test_acr_network_rule.yaml); defaultAction is required. IPv4 only. Network rules need the Premium SKU.
    /// </summary>
    internal sealed class ContainerRegistryAdapter : IpRuleListAdapter
    {
        private static readonly string[] Path = { "properties", "networkRuleSet", "ipRules" };

        public ContainerRegistryAdapter()
            : base("Microsoft.ContainerRegistry/registries", ApiVersions.ContainerRegistry, new AllowlistCapabilities
            {
                RejectedClasses = AllowlistCapabilities.PrivateClasses,
                RejectedClassesReason = AllowlistCapabilities.PublicEgressReason,
            }, Path, copyDepth: 2, writeWithPut: false)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) => ParseValueItem(item, "value");

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject { ["action"] = "Allow", ["value"] = range.ToString() };

        protected override void PrepareBody(JsonObject body) => EnsureDefaultAction(body);

        /// <summary>Below Premium the service refuses network rules (learn.microsoft.com/azure/container-registry/container-registry-access-selected-networks).</summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context)
        {
            var document = snapshot.Document;
            var sku = JsonNodes.Text(document["sku"], "name");
            if (!string.Equals(sku, "Premium", System.StringComparison.OrdinalIgnoreCase))
            {
                return AccessAssessment.Refused("AllowlistSkuNotSupported",
                    $"Container registry '{snapshot.Resource.Name}' is on the {sku ?? "unknown"} SKU: network rules need Premium, so Azure refuses IP rules. Upgrade it first (az acr update --name {snapshot.Resource.Name} --sku Premium).");
            }

            return AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, JsonNodes.Text(document["properties"], "publicNetworkAccess"),
                JsonNodes.Text(JsonNodes.At(document, Path, 2), "defaultAction") ?? "Allow")
                ?? AccessAssessment.InForce(snapshot.Resource);
        }
    }
}

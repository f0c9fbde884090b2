using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Container registries: properties.networkRuleSet.ipRules [{action, value}], PATCH of the whole networkRuleSet
    /// (long-running); defaultAction is required. IPv4 only. Network rules need the Premium SKU.
    /// </summary>
    internal sealed class ContainerRegistryAdapter : IpRuleListAdapter
    {
        private static readonly string[] Path = { "properties", "networkRuleSet", "ipRules" };

        public ContainerRegistryAdapter()
            : base("Microsoft.ContainerRegistry/registries", ApiVersions.ContainerRegistry, new AllowlistCapabilities(), Path, copyDepth: 2, writeWithPut: false)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) => ParseValueItem(item, "value");

        protected override JsonNode NewItem(IpRange range, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject { ["action"] = "Allow", ["value"] = range.ToString() };

        protected override void PrepareBody(JsonObject body) => EnsureDefaultAction(body);

        protected override IEnumerable<string> Warnings(JsonObject document) =>
            DefaultActionWarning(JsonNodes.At(document, Path, 2));
    }
}

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
            : base(resourceType, apiVersion, new AllowlistCapabilities(), Path, copyDepth: 1, writeWithPut: true)
        {
        }

        protected override string DocumentPath(ArmResourceId resource) => resource.Id + "/networkRuleSets/default";

        protected override FirewallEntry ParseItem(JsonNode item) => ParseValueItem(item, "ipMask");

        protected override JsonNode NewItem(IpRange range, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject { ["ipMask"] = range.ToString(), ["action"] = "Allow" };

        protected override IEnumerable<string> Warnings(JsonObject document) =>
            DefaultActionWarning(JsonNodes.At(document, Path, 1));
    }
}

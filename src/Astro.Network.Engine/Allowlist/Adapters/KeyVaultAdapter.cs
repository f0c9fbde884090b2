using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Key Vault: properties.networkAcls.ipRules [{value}], PATCH of the whole networkAcls. The service stores a
    /// single host as "a.b.c.d/32", so that is what is written (and reads compare normalised ranges either way).
    /// </summary>
    internal sealed class KeyVaultAdapter : IpRuleListAdapter
    {
        private static readonly string[] Path = { "properties", "networkAcls", "ipRules" };

        public KeyVaultAdapter()
            : base("Microsoft.KeyVault/vaults", ApiVersions.KeyVault, new AllowlistCapabilities
            {
                RejectedClasses = AllowlistCapabilities.PrivateClasses,
                RejectedClassesReason = AllowlistCapabilities.PublicEgressReason,
            }, Path, copyDepth: 2, writeWithPut: false)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) => ParseValueItem(item, "value");

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject { ["value"] = range.ToCidrString() };

        /// <summary>A vault without networkAcls admits every address, as defaultAction Allow does.</summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, JsonNodes.Text(snapshot.Document["properties"], "publicNetworkAccess"),
                JsonNodes.Text(JsonNodes.At(snapshot.Document, Path, 2), "defaultAction") ?? "Allow")
            ?? AccessAssessment.InForce(snapshot.Resource);
    }
}

using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Storage accounts: properties.networkAcls.ipRules [{value, action}], written by PATCH of the whole networkAcls.
    /// IPv4 public only; RFC 1918 and /31 are refused; a single host is sent bare because /32 is refused.
    /// </summary>
    internal sealed class StorageAccountAdapter : IpRuleListAdapter
    {
        private static readonly string[] Path = { "properties", "networkAcls", "ipRules" };

        public StorageAccountAdapter()
            : base("Microsoft.Storage/storageAccounts", ApiVersions.Storage, new AllowlistCapabilities
            {
                RejectedClasses = new[] { IpClassification.Private },
                RejectedClassesReason = "Storage firewalls refuse private (RFC 1918) ranges.",
                RejectedIPv4Prefixes = new[] { 31 },
            }, Path, copyDepth: 2, writeWithPut: false)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) => ParseValueItem(item, "value");

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject { ["value"] = range.ToString(), ["action"] = "Allow" };

        protected override void PrepareBody(JsonObject body) => EnsureDefaultAction(body);

        /// <summary>
        /// Public access and defaultAction (absent = the spec default Allow) first; then the region: Storage applies no IP
        /// rule to requests from its own region (learn.microsoft.com/azure/storage/common/storage-network-security-limitations).
        /// </summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context)
        {
            var document = snapshot.Document;
            var moot = AccessAssessment.PublicAccessOrDefaultAction(snapshot.Resource, JsonNodes.Text(document["properties"], "publicNetworkAccess"),
                JsonNodes.Text(JsonNodes.At(document, Path, 2), "defaultAction") ?? "Allow");
            if (moot != null)
            {
                return moot;
            }

            var region = context.SameRegionAs(JsonNodes.Text(document, "location"));
            return region == null
                ? AccessAssessment.InForce(snapshot.Resource)
                : AccessAssessment.Ignored("AllowlistSameRegion",
                    $"Astro runs in {region}, the region of storage account '{snapshot.Resource.Name}': Azure Storage applies no IP rule to requests from its own region, so IP entries cannot admit Astro there. Use a virtual network rule or a private endpoint instead.");
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// App Service and Function apps (Microsoft.Web/sites; a function app is a site of kind "functionapp"):
    /// sites/{name}/config/web properties.ipSecurityRestrictions, PATCH of the list only (PUT config/web would
    /// replace the whole SiteConfig). GET adds a synthetic "Allow all"/"Deny all" rule (ipAddress "Any", priority
    /// 2147483647) that is dropped on read so it is never written back. Only plain Allow rules of tag Default with
    /// a CIDR and no header filters count as address entries; others are kept untouched.
    /// </summary>
    internal sealed class AppServiceAdapter : IpRuleListAdapter
    {
        private const int DefaultPriority = 1000;

        public AppServiceAdapter()
            : base("Microsoft.Web/sites", ApiVersions.Web, new AllowlistCapabilities
            {
                SupportsIPv6 = true,
                NamesEntries = true,
                EmptyListMeansOpen = true,
            }, new[] { "properties", "ipSecurityRestrictions" }, copyDepth: 2, writeWithPut: false)
        {
        }

        protected override string DocumentPath(ArmResourceId resource) => resource.Id + "/config/web";

        protected override bool IsSynthetic(JsonNode item) =>
            string.Equals(JsonNodes.Text(item, "ipAddress"), "Any", StringComparison.OrdinalIgnoreCase)
            && item["priority"] is JsonValue p && p.TryGetValue(out long priority) && priority == int.MaxValue;

        protected override FirewallEntry ParseItem(JsonNode item)
        {
            var name = JsonNodes.Text(item, "name");
            var address = JsonNodes.Text(item, "ipAddress");
            var tag = JsonNodes.Text(item, "tag");
            var plainAllow = string.Equals(JsonNodes.Text(item, "action") ?? "Allow", "Allow", StringComparison.OrdinalIgnoreCase)
                && (tag == null || string.Equals(tag, "Default", StringComparison.OrdinalIgnoreCase))
                && item["subnetMask"] == null
                && (item["headers"] is not JsonObject headers || headers.Count == 0);
            if (plainAllow && address != null && address.IndexOf('/') > 0)
            {
                return FirewallEntry.FromText(address, name, item, owner: AstroRuleNaming.OwnerOfDescription(JsonNodes.Text(item, "description")));
            }

            var value = address ?? JsonNodes.Text(item, "vnetSubnetResourceId") ?? string.Empty;
            return new FirewallEntry(value, null, null, name, item);
        }

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject
            {
                ["ipAddress"] = range.ToCidrString(),
                ["action"] = "Allow",
                ["tag"] = "Default",
                ["priority"] = options.Priority ?? DefaultPriority,
                // The owner goes in the description: App Service keeps rule names short, and the address says enough there.
                ["name"] = AstroRuleNaming.UniqueFor(range, null, Names(siblings)),
                ["description"] = AstroRuleNaming.Description(owner),
            };

        /// <summary>
        /// The service shows its catch-all as a synthetic last row and swaps "Allow all" for "Deny all" as the list fills and
        /// back when it empties (azure-recordings appservice/test_webapp_access_restriction_add.yaml 7-9, _remove.yaml 9-11).
        /// An "Allow all" beside real rules, or a "Deny all" with none, was set explicitly (ipSecurityRestrictionsDefaultAction)
        /// and stays whatever the list becomes.
        /// </summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context)
        {
            var properties = snapshot.Document["properties"];
            var rows = (properties?["ipSecurityRestrictions"] as JsonArray)?.Where(item => item != null).ToList() ?? new List<JsonNode?>();
            var rules = rows.Count(item => !IsSynthetic(item!));
            var action = rows.Where(item => IsSynthetic(item!)).Select(item => JsonNodes.Text(item, "action")).FirstOrDefault()
                ?? JsonNodes.Text(properties, "ipSecurityRestrictionsDefaultAction")
                ?? (rules > 0 ? "Deny" : "Allow");
            var allow = string.Equals(action, "Allow", StringComparison.OrdinalIgnoreCase);
            if (entries.Count == 0)
            {
                return allow || rules > 0
                    ? AccessAssessment.EmptyMeansOpen(snapshot.Resource, "it has no access restriction, so the service's implicit \"Allow all\" applies.")
                    : AccessAssessment.InForce(snapshot.Resource);
            }

            return allow && rules > 0 ? AccessAssessment.DefaultActionAllow(snapshot.Resource) : AccessAssessment.InForce(snapshot.Resource);
        }

        /// <summary>The SCM (Kudu) site keeps its own list unless it uses the main one; this module leaves it as it is.</summary>
        protected override IEnumerable<string> Warnings(JsonObject document)
        {
            if (!JsonNodes.IsTrue(JsonNodes.At(document, new[] { "properties", "scmIpSecurityRestrictionsUseMain" })))
            {
                yield return "The SCM (Kudu) site keeps its own access restrictions (scmIpSecurityRestrictionsUseMain is false); this module changes only the main site's list and leaves the SCM list as it is.";
            }
        }

        private static IEnumerable<string?> Names(IReadOnlyList<FirewallEntry> entries)
        {
            foreach (var e in entries)
            {
                yield return e.Name;
            }
        }
    }
}

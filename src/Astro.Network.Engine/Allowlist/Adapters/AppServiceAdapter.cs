using System;
using System.Collections.Generic;
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
                return FirewallEntry.FromText(address, name, item);
            }

            var value = address ?? JsonNodes.Text(item, "vnetSubnetResourceId") ?? string.Empty;
            return new FirewallEntry(value, null, null, name, item);
        }

        protected override JsonNode NewItem(IpRange range, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject
            {
                ["ipAddress"] = range.ToCidrString(),
                ["action"] = "Allow",
                ["tag"] = "Default",
                ["priority"] = options.Priority ?? DefaultPriority,
                ["name"] = AstroRuleNaming.UniqueFor(range, Names(siblings)),
                ["description"] = AstroRuleNaming.Description,
            };

        private static IEnumerable<string?> Names(IReadOnlyList<FirewallEntry> entries)
        {
            foreach (var e in entries)
            {
                yield return e.Name;
            }
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Azure Firewall IP Groups: properties.ipAddresses, strings (address, CIDR block or a-b range) (ipGroups.json 2024-01-01).
    /// PATCH changes tags only, so the write is a PUT of the group as read minus its read-only fields (long-running), with
    /// If-Match on its etag; the ownership record travels in that PUT's tags. Private ranges are allowed: a firewall can see
    /// Astro's traffic by its private address (peering). One group is used by every firewall rule that names it, so each
    /// read warns which firewalls and policies an entry reaches, and a group no firewall uses gives entries no effect.
    /// </summary>
    internal sealed class IpGroupAdapter : IpRuleListAdapter
    {
        private static readonly string[] ReadOnly = { "id", "name", "type", "etag" };
        private static readonly string[] ReadOnlyProperties = { "provisioningState", "firewalls", "firewallPolicies" };

        public IpGroupAdapter()
            : base("Microsoft.Network/ipGroups", ApiVersions.Network, new AllowlistCapabilities { RecordInDocument = true },
                new[] { "properties", "ipAddresses" }, copyDepth: 0, writeWithPut: true)
        {
        }

        protected override FirewallEntry ParseItem(JsonNode item) => FirewallEntry.FromText(JsonNodes.Text(item), null, item);

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            JsonValue.Create(range.ToString())!;

        protected override void PrepareBody(JsonObject body)
        {
            foreach (var name in ReadOnly)
            {
                body.Remove(name);
            }

            foreach (var name in ReadOnlyProperties)
            {
                (body["properties"] as JsonObject)?.Remove(name);
            }
        }

        protected override IEnumerable<string> Warnings(JsonObject document)
        {
            var users = Users(document);
            if (users.Count > 0)
            {
                yield return $"IP group '{JsonNodes.Text(document, "name")}' is used by {string.Join(", ", users)}: an entry applies to every rule there that names the group (as source or destination), not to one rule.";
            }
        }

        /// <summary>The group does nothing until a firewall or firewall policy uses it (the read-only back-references).</summary>
        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            Users(snapshot.Document).Count == 0
                ? AccessAssessment.Ignored("IpGroupNotReferenced",
                    $"IP group '{snapshot.Resource.Name}' is not used by any Azure Firewall or firewall policy, so its entries have no effect. Name it in a firewall rule (source or destination IP groups) first.")
                : AccessAssessment.InForce(snapshot.Resource);

        private static List<string> Users(JsonObject document)
        {
            var properties = document["properties"];
            return new[] { ("firewall", "firewalls"), ("firewall policy", "firewallPolicies") }
                .SelectMany(kind => (properties?[kind.Item2] as JsonArray ?? new JsonArray())
                    .Select(r => JsonNodes.Text(r, "id")).Where(id => id != null).Select(id => $"{kind.Item1} '{id!.Split('/').Last()}'"))
                .ToList();
        }
    }
}

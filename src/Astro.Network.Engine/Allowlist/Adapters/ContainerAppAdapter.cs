using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>
    /// Container Apps: properties.configuration.ingress.ipSecurityRestrictions [{name, description, ipAddressRange, action}]
    /// (ContainerApps.json 2024-03-01), written by a long-running PATCH (merge-patch) of the ingress as read with the whole
    /// list, plus the required location. Rules are named, so the owner goes in the rule name (astro-{owner}-{address}).
    /// Learn "ip-restrictions": Allow rules admit only their ranges, Deny rules block only theirs, all rules must share one
    /// action, and with no rule every address is admitted.
    /// </summary>
    internal sealed class ContainerAppAdapter : IpRuleListAdapter
    {
        public ContainerAppAdapter()
            : base("Microsoft.App/containerApps", ApiVersions.App, new AllowlistCapabilities { NamesEntries = true },
                new[] { "properties", "configuration", "ingress", "ipSecurityRestrictions" }, copyDepth: 3, writeWithPut: false)
        {
        }

        /// <summary>Allow rules are address entries; Deny rules stay opaque, so they are kept and never matched.</summary>
        protected override FirewallEntry ParseItem(JsonNode item)
        {
            var name = JsonNodes.Text(item, "name");
            var address = JsonNodes.Text(item, "ipAddressRange");
            return IsAllow(item)
                ? FirewallEntry.FromText(address, name, item, owner: AstroRuleNaming.OwnerOfName(name, IpRange.TryParseLenient(address)))
                : new FirewallEntry(address ?? string.Empty, null, null, name, item);
        }

        protected override JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options) =>
            new JsonObject
            {
                ["name"] = AstroRuleNaming.UniqueFor(range, owner, siblings.Select(s => s.Name)),
                ["description"] = AstroRuleNaming.Description(owner),
                ["ipAddressRange"] = range.ToCidrString(),
                ["action"] = "Allow",
            };

        /// <summary>The envelope requires location (TrackedResource); ingress.fqdn is read-only.</summary>
        protected override void PrepareBody(JsonObject body, JsonObject document)
        {
            body["location"] = document["location"]?.DeepClone();
            (JsonNodes.At(body, ListPath, 3) as JsonObject)?.Remove("fqdn");
        }

        public override AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context)
        {
            var name = snapshot.Resource.Name;
            if (!(JsonNodes.At(snapshot.Document, ListPath, 3) is JsonObject ingress))
            {
                return AccessAssessment.Refused("ContainerAppNoIngress",
                    $"Container app '{name}' has no ingress, so nothing outside its environment reaches it and there is no IP restriction to set. Enable ingress first.");
            }

            if (!JsonNodes.IsTrue(ingress["external"]))
            {
                return AccessAssessment.Refused("AllowlistPrivateAccessMode",
                    $"Container app '{name}' has internal ingress: it is reachable only from its environment's virtual network, where Astro's public egress never arrives. Reach it over the virtual network (peering) instead.");
            }

            // From the entries (the list as it is or as planned), not the document: the guards compare both.
            if (entries.Any(e => !IsAllow(e.Item)))
            {
                return AccessAssessment.Refused("ContainerAppDenyRules",
                    $"Container app '{name}' restricts by Deny rules (the listed ranges are blocked, every other address is admitted), and Azure refuses mixing Allow and Deny rules. Astro is admitted unless a Deny rule covers its address; to allow only listed ranges, replace the Deny rules with Allow rules yourself.");
            }

            return entries.Count == 0
                ? AccessAssessment.EmptyMeansOpen(snapshot.Resource, "it has no IP restriction, so every address is admitted.")
                : AccessAssessment.InForce(snapshot.Resource);
        }

        private static bool IsAllow(JsonNode item) => string.Equals(JsonNodes.Text(item, "action"), "Allow", StringComparison.OrdinalIgnoreCase);
    }
}

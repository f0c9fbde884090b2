using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>How NSG rules (custom and default) are presented; shared by the group and rule handlers.</summary>
public static class SecurityRules
{
    public const string RuleType = NetworkSecurityGroupHandler.Type + "/securityRules";
    public const string DefaultRuleType = NetworkSecurityGroupHandler.Type + "/defaultSecurityRules";

    /// <summary>A stored rule with id, type, etag and provisioningState filled in.</summary>
    public static JsonObject Present(string groupId, JsonObject stored)
    {
        var rule = (JsonObject)stored.DeepClone();
        var name = (string?)rule["name"];
        rule["id"] = $"{groupId}/securityRules/{name}";
        rule["type"] = RuleType;
        // Seeded rules carry no etag: derive a stable one from their content so If-Match works on them too.
        rule["etag"] ??= ContentETag(groupId, stored);
        if (rule["properties"] is JsonObject properties)
        {
            properties["provisioningState"] ??= "Succeeded";
            // Live reads show the plural fields a rule was written without as [] (network/test_network_nsg.yaml · 4-11).
            foreach (var plural in new[] { "sourcePortRanges", "destinationPortRanges", "sourceAddressPrefixes", "destinationAddressPrefixes" })
            {
                properties[plural] ??= new JsonArray();
            }
        }
        return rule;
    }

    public static JsonObject? Find(JsonObject group, string name) =>
        (group["properties"]?["securityRules"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(r => string.Equals((string?)r["name"], name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The six platform rules every NSG has (priorities 65000-65500, both directions).</summary>
    public static IEnumerable<JsonObject> Defaults(string groupId, string etag)
    {
        (string Name, string Description, string Source, string Destination, string Access, int Priority, string Direction)[] rules =
        [
            ("AllowVnetInBound", "Allow inbound traffic from all VMs in VNET", "VirtualNetwork", "VirtualNetwork", "Allow", 65000, "Inbound"),
            ("AllowAzureLoadBalancerInBound", "Allow inbound traffic from azure load balancer", "AzureLoadBalancer", "*", "Allow", 65001, "Inbound"),
            ("DenyAllInBound", "Deny all inbound traffic", "*", "*", "Deny", 65500, "Inbound"),
            ("AllowVnetOutBound", "Allow outbound traffic from all VMs to all VMs in VNET", "VirtualNetwork", "VirtualNetwork", "Allow", 65000, "Outbound"),
            ("AllowInternetOutBound", "Allow outbound traffic from all VMs to Internet", "*", "Internet", "Allow", 65001, "Outbound"),
            ("DenyAllOutBound", "Deny all outbound traffic", "*", "*", "Deny", 65500, "Outbound"),
        ];
        return rules.Select(r => new JsonObject
        {
            ["name"] = r.Name,
            ["id"] = $"{groupId}/defaultSecurityRules/{r.Name}",
            ["etag"] = etag,
            ["type"] = DefaultRuleType,
            ["properties"] = new JsonObject
            {
                ["provisioningState"] = "Succeeded",
                ["description"] = r.Description,
                ["protocol"] = "*",
                ["sourcePortRange"] = "*",
                ["destinationPortRange"] = "*",
                ["sourceAddressPrefix"] = r.Source,
                ["destinationAddressPrefix"] = r.Destination,
                ["access"] = r.Access,
                ["priority"] = r.Priority,
                ["direction"] = r.Direction,
                ["sourcePortRanges"] = new JsonArray(),
                ["destinationPortRanges"] = new JsonArray(),
                ["sourceAddressPrefixes"] = new JsonArray(),
                ["destinationAddressPrefixes"] = new JsonArray(),
            },
        });
    }

    public static string NewETag() => $"W/\"{Guid.NewGuid()}\"";

    private static string ContentETag(string groupId, JsonObject rule)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(groupId.ToLowerInvariant() + rule.ToJsonString()));
        return $"W/\"{new Guid(hash.AsSpan(0, 16))}\"";
    }
}

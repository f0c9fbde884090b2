using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/networkSecurityGroups (networkSecurityGroup.json, 2024-01-01): GET and list. Custom rules are stored
/// embedded in properties.securityRules (written through <see cref="SecurityRuleHandler"/>), each with its own etag; the
/// six platform rules are presented under defaultSecurityRules. The group's etag changes with every rule write.
/// </summary>
public sealed class NetworkSecurityGroupHandler : ArmResourceHandler
{
    public const string Type = "Microsoft.Network/networkSecurityGroups";

    public override string ResourceType => Type;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01", "2022-01-01"]; // 2022-01-01: the Azure CLI 2.45
    protected override bool BodyHasETag => true;

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        var properties = Properties(body);
        var rules = properties["securityRules"] as JsonArray ?? [];
        properties["securityRules"] = new JsonArray(rules.OfType<JsonObject>().Select(r => (JsonNode)SecurityRules.Present(stored.Id, r)).ToArray());
        properties["defaultSecurityRules"] = new JsonArray(SecurityRules.Defaults(stored.Id, stored.ETag).Select(r => (JsonNode)r).ToArray());
        properties["provisioningState"] ??= "Succeeded";
        properties["resourceGuid"] ??= Guid.NewGuid().ToString();
        return body;
    }
}

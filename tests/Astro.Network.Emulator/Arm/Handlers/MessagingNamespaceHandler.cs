using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Event Hubs (namespaces.json 2024-01-01) and Service Bus (namespace-preview.json 2021-11-01) namespaces: GET and list
/// only. Their firewall lives in the networkRuleSets/default child (<see cref="NamespaceNetworkRuleSetHandler"/>).
/// </summary>
public sealed class MessagingNamespaceHandler(string providerNamespace, string[] apiVersions) : ArmResourceHandler
{
    public override string ResourceType => providerNamespace + "/namespaces";
    public override IReadOnlyCollection<string> ApiVersions { get; } = apiVersions; // [0] the pinned spec; 2022-01-01-preview: the Azure CLI 2.45

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        var name = (string?)body["name"];
        body["sku"] ??= new JsonObject { ["name"] = "Standard", ["tier"] = "Standard", ["capacity"] = 1 };
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["status"] ??= "Active";
        properties["serviceBusEndpoint"] ??= $"https://{name}.servicebus.windows.net:443/";
        properties["metricId"] ??= $"{ArmPath.Parse(stored.Id).SubscriptionId}:{name}";
        return body;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.RemoteExecution
{
    /// <summary>Reading and composing privateEndpoint.json (2024-01-01) bodies: the connection, its state, the endpoint's IP.</summary>
    internal static class PrivateEndpointJson
    {
        /// <summary>The manual-approval body (example PrivateEndpointCreateForManualApproval): the request message names the cluster.</summary>
        public static JsonObject Create(RemoteExecutionTarget target, string service, string location) => new JsonObject
        {
            ["location"] = location,
            ["tags"] = new JsonObject { [RemoteExecutionTarget.OwnerTag] = target.ClusterId },
            ["properties"] = new JsonObject
            {
                ["subnet"] = new JsonObject { ["id"] = target.SubnetId },
                ["manualPrivateLinkServiceConnections"] = new JsonArray(new JsonObject
                {
                    ["name"] = "astro-" + target.ClusterId,
                    ["properties"] = new JsonObject
                    {
                        ["privateLinkServiceId"] = service,
                        // requestMessage is at most 140 characters; Astronomer support matches it to the ticket by cluster ID.
                        ["requestMessage"] = $"Astro Remote Execution for cluster {target.ClusterId}",
                    },
                }),
            },
        };

        /// <summary>The first connection (manual ones first): what the endpoint connects to and its state.</summary>
        public static (string Service, string Status, string? Description) Connection(JsonObject endpoint)
        {
            var connection = Connections(endpoint, "manualPrivateLinkServiceConnections")
                .Concat(Connections(endpoint, "privateLinkServiceConnections")).FirstOrDefault();
            var state = connection?["properties"]?["privateLinkServiceConnectionState"];
            return (JsonNodes.Text(connection?["properties"], "privateLinkServiceId") ?? "",
                JsonNodes.Text(state, "status") ?? "", JsonNodes.Text(state, "description"));
        }

        public static bool IsOwned(JsonObject resource, string clusterId) =>
            string.Equals(JsonNodes.Text(resource["tags"], RemoteExecutionTarget.OwnerTag), clusterId, StringComparison.OrdinalIgnoreCase);

        /// <summary>The zone and its links are shared by every cluster's record: made by the module for any cluster.</summary>
        public static bool IsModuleMade(JsonObject resource) => !string.IsNullOrEmpty(JsonNodes.Text(resource["tags"], RemoteExecutionTarget.OwnerTag));

        /// <summary>The IP from customDnsConfigs (PaaS targets fill it; a Private Link Service target usually leaves it empty).</summary>
        public static string? DnsConfigAddress(JsonObject endpoint) =>
            (endpoint["properties"]?["customDnsConfigs"] as JsonArray ?? new JsonArray())
                .SelectMany(c => JsonNodes.Strings(c?["ipAddresses"])).FirstOrDefault(a => a.Length > 0);

        public static string? NetworkInterfaceId(JsonObject endpoint) =>
            (endpoint["properties"]?["networkInterfaces"] as JsonArray ?? new JsonArray())
                .Select(n => JsonNodes.Text(n, "id")).FirstOrDefault(id => !string.IsNullOrEmpty(id));

        /// <summary>The NIC's private IP (networkInterface.json: ipConfigurations[].properties.privateIPAddress), primary first.</summary>
        public static string? NicAddress(JsonObject nic) =>
            (nic["properties"]?["ipConfigurations"] as JsonArray ?? new JsonArray())
                .OrderByDescending(c => JsonNodes.IsTrue(c?["properties"]?["primary"]))
                .Select(c => JsonNodes.Text(c?["properties"], "privateIPAddress")).FirstOrDefault(a => !string.IsNullOrEmpty(a));

        private static IEnumerable<JsonNode> Connections(JsonObject endpoint, string property) =>
            (endpoint["properties"]?[property] as JsonArray ?? new JsonArray()).Where(c => c != null)!;
    }
}

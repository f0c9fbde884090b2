using System;
using System.Linq;
using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.PrivateLink
{
    /// <summary>Reads connections of any supported type into the model, and shapes the PUT that sets a status.</summary>
    internal static class ConnectionJson
    {
        public const string StateField = "privateLinkServiceConnectionState";
        private static readonly string[] KnownStatuses = { "Pending", "Approved", "Rejected", "Disconnected" };
        private static readonly string[] ActionsFields = { "actionsRequired", "actionRequired" };

        public static PrivateEndpointConnection Read(PrivateLinkTarget target, JsonObject connection)
        {
            var properties = connection["properties"] as JsonObject;
            var state = properties?[StateField];
            var id = JsonNodes.Text(connection, "id") ?? "";
            var endpointId = JsonNodes.Text(properties?["privateEndpoint"], "id");
            var status = Canonical(JsonNodes.Text(state, "status"));
            var description = JsonNodes.Text(state, "description");
            var groupIds = (properties?["groupIds"] as JsonArray)?.Select(g => JsonNodes.Text(g)).ToList() ?? new System.Collections.Generic.List<string?>();
            groupIds.Add(JsonNodes.Text(properties, "groupId"));
            return new PrivateEndpointConnection
            {
                ResourceId = target.Id,
                ResourceType = target.Profile.ResourceType,
                ResourceName = target.Name,
                // Embedded lists (SQL, Key Vault) may carry only the id.
                Name = JsonNodes.Text(connection, "name") ?? id.Split('/').Last(),
                Id = id,
                Status = status,
                Description = description,
                ActionsRequired = ActionsFields.Select(f => JsonNodes.Text(state, f)).FirstOrDefault(a => a != null),
                PrivateEndpointId = endpointId,
                RequesterSubscriptionId = ArmSegment(endpointId, "subscriptions"),
                RequesterResourceGroup = ArmSegment(endpointId, "resourceGroups"),
                RequestMessage = IsStatus(status, "Pending") ? description : null,
                ProvisioningState = JsonNodes.Text(properties, "provisioningState"),
                GroupIds = groupIds.Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToArray(),
            };
        }

        public static bool IsStatus(string? status, string wanted) => string.Equals(status, wanted, StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// {"properties":{"privateLinkServiceConnectionState":{...}}}: the current state object with status and description
        /// replaced, the actions field kept only in the spelling the type's PUT accepts (read-only or absent elsewhere).
        /// </summary>
        public static JsonObject StatusBody(PrivateLinkProfile profile, JsonObject current, string status, string description)
        {
            var state = current["properties"]?[StateField]?.DeepClone() as JsonObject ?? new JsonObject();
            state["status"] = status;
            state["description"] = description;
            foreach (var field in ActionsFields.Where(f => f != profile.WritableActionsField))
            {
                state.Remove(field);
            }

            return new JsonObject { ["properties"] = new JsonObject { [StateField] = state } };
        }

        /// <summary>The value after <paramref name="key"/> in an ARM ID ("subscriptions" -> the GUID); null when absent.</summary>
        public static string? ArmSegment(string? id, string key)
        {
            var parts = (id ?? "").Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            var at = Array.FindIndex(parts, p => string.Equals(p, key, StringComparison.OrdinalIgnoreCase));
            return at >= 0 && at + 1 < parts.Length ? parts[at + 1] : null;
        }

        // Free-string types (Cosmos DB, App Service, Network) may answer in other casing.
        private static string Canonical(string? status) =>
            KnownStatuses.FirstOrDefault(s => IsStatus(status, s)) ?? status ?? "";
    }
}

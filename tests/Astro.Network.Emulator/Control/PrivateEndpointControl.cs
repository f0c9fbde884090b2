using System.Text.Json.Nodes;
using Astro.Network.Emulator.Arm;
using Astro.Network.Emulator.Arm.Handlers;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Control;

/// <summary>
/// POST {base}_emulator/private-endpoints: plays Astronomer creating a private endpoint in the Astro VNet, which leaves a
/// Pending connection on the customer's resource. Body {"resourceId","groupId","clusterId","name"?,"description"?}.
/// </summary>
internal static class PrivateEndpointControl
{
    /// <summary>Subscription Astronomer's private endpoints live in (not one of the scenario's).</summary>
    public const string AstroSubscriptionId = "00000000-0000-4000-8000-00000000a570";

    public static EmulatorResult Create(EmulatorState state, string json)
    {
        var request = JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("The body must be a JSON object.");
        var resourceId = Text(request, "resourceId") ?? throw new ArgumentException("resourceId is required.");
        var clusterId = Text(request, "clusterId") ?? throw new ArgumentException("clusterId is required.");
        var path = ArmPath.Parse(resourceId);
        var profile = path is { IsResource: true, IsCollection: false } ? PrivateEndpointConnectionProfile.For(path.ResourceType) : null;
        if (profile is null)
        {
            return Problem(400, $"'{resourceId}' is not a resource of a type that takes private endpoint connections.");
        }
        if (state.Resources.Get(path.Path) is not { } resource)
        {
            return Problem(404, $"No resource '{resourceId}'.");
        }
        var requested = Text(request, "groupId");
        var groupId = profile.GroupIds.FirstOrDefault(g => g.Equals(requested, StringComparison.OrdinalIgnoreCase));
        if (profile.GroupIds.Length == 0 ? requested is not null : groupId is null)
        {
            return Problem(400, profile.GroupIds.Length == 0
                ? $"A {profile.ParentType} connection takes no group ID."
                : $"Group ID '{requested}' is not valid for {profile.ParentType}; valid: {string.Join(", ", profile.GroupIds)}.");
        }
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = Text(request, "name") ?? $"astro-{clusterId}{(groupId is null ? "" : "-" + groupId)}.{suffix}";
        var existing = PrivateEndpointConnections.List(state.Resources, profile, path.Path);
        if (existing.Any(c => string.Equals((string?)c["name"], name, StringComparison.OrdinalIgnoreCase)))
        {
            return Problem(409, $"The resource already has a connection named '{name}'.");
        }
        var endpointId = $"/subscriptions/{AstroSubscriptionId}/resourceGroups/astro-{clusterId}/providers/Microsoft.Network/privateEndpoints/pe-{groupId ?? "pls"}-{existing.Count + 1}";
        var description = Text(request, "description") ?? $"Requested by Astronomer for cluster {clusterId}";
        var connection = New(profile, $"{path.Path}/privateEndpointConnections/{name}", endpointId, groupId, description, (string?)resource.Body["location"]);
        PrivateEndpointConnections.Update(state.Resources, profile, path.Path, name, _ => connection);
        return EmulatorResult.Json(200, PrivateEndpointConnections.Find(state.Resources, profile, path.Path, name));
    }

    /// <summary>A Pending connection in the type's own shape.</summary>
    private static JsonObject New(PrivateEndpointConnectionProfile profile, string id, string endpointId, string? groupId, string description, string? location)
    {
        var connectionState = new JsonObject { ["status"] = "Pending", ["description"] = description };
        if (profile.ActionsField is { } actions)
        {
            connectionState[actions] = "None";
        }
        var properties = new JsonObject { ["privateEndpoint"] = new JsonObject { ["id"] = endpointId } };
        switch (profile.GroupIdField)
        {
            case GroupIdField.GroupIds:
                properties["groupIds"] = new JsonArray(groupId);
                break;
            case GroupIdField.GroupId:
                properties["groupId"] = groupId;
                break;
        }
        properties["privateLinkServiceConnectionState"] = connectionState;
        properties["provisioningState"] = profile.DoneState;
        if (profile.GroupIds.Length == 0)
        {
            // Private link service connections also name the consumer's link and the endpoint's region.
            properties["linkIdentifier"] = Random.Shared.NextInt64(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
            properties["privateEndpointLocation"] = location;
        }
        return new JsonObject { ["id"] = id, ["properties"] = properties };
    }

    private static string? Text(JsonObject request, string name) => JsonText.Of(request[name]) is { Length: > 0 } text ? text : null;

    private static EmulatorResult Problem(int status, string message) =>
        EmulatorResult.Json(status, new JsonObject { ["error"] = message });
}

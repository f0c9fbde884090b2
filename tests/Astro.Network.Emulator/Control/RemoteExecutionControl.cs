using System.Text.Json.Nodes;
using Astro.Network.Emulator.Arm.Handlers;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Control;

/// <summary>
/// POST {base}_emulator/astro/clusters/{id}/private-endpoints/{approve|reject}: plays Astronomer support deciding the
/// Pending manual connections to the cluster's Private Link Service, found as support finds them: by the cluster ID in the
/// request message (Astronomer's docs, remote-agents-azure-privatelink). Answers {"decided": n}.
/// </summary>
internal static class RemoteExecutionControl
{
    public static EmulatorResult Decide(EmulatorState state, string clusterId, string decision)
    {
        var status = decision switch
        {
            "approve" => "Approved",
            "reject" => "Rejected",
            _ => null,
        };
        if (status is null)
        {
            return EmulatorResult.Json(404, new JsonObject { ["error"] = $"No decision '{decision}': approve or reject." });
        }
        var decided = 0;
        foreach (var endpoint in state.Resources.OfType(PrivateEndpointHandler.Type))
        {
            state.Resources.Update(endpoint.Id, body =>
            {
                foreach (var connection in (body["properties"]?["manualPrivateLinkServiceConnections"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    var p = connection["properties"] as JsonObject;
                    if (p?["privateLinkServiceConnectionState"] is JsonObject connectionState
                        && JsonText.Of(connectionState["status"]) == "Pending"
                        && (JsonText.Of(p["requestMessage"]) ?? "").Contains(clusterId, StringComparison.OrdinalIgnoreCase))
                    {
                        connectionState["status"] = status;
                        connectionState["description"] = $"{status} by Astronomer support";
                        decided++;
                    }
                }
            });
        }
        return EmulatorResult.Json(200, new JsonObject { ["decided"] = decided });
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Arm.ResourceGraph;

/// <summary>
/// The request's <c>managementGroups</c> (resourcegraph.json 2021-03-01 QueryRequest, example ResourcesMgBasicQuery.json:
/// group names): the query covers the subscriptions under each group and under its descendant groups (Microsoft Learn,
/// "What are Azure management groups?": a group's scope includes every child group and subscription below it). Used only
/// when the request names no subscriptions (the service treats the two as alternative scopes).
/// </summary>
internal static class ManagementGroupScope
{
    public static IReadOnlyList<string>? Names(JsonObject request) =>
        request["managementGroups"] is JsonArray list && list.Count > 0
            ? list.Select(g => (string?)g ?? "").Where(g => g.Length > 0).ToList()
            : null;

    /// <summary>The subscriptions under <paramref name="names"/> in the caller's tenant; <paramref name="unknown"/> names the first group it cannot see.</summary>
    public static HashSet<string> SubscriptionsUnder(EmulatorState state, EmulatorPrincipal principal, IReadOnlyList<string> names, out string? unknown)
    {
        unknown = null;
        var groups = state.ManagementGroups.Where(g => g.TenantId.Equals(principal.TenantId, StringComparison.OrdinalIgnoreCase)).ToList();
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>();
        foreach (var name in names)
        {
            if (!groups.Any(g => g.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                unknown = name;
                return found;
            }
            pending.Enqueue(name);
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name)) continue;
            foreach (var group in groups.Where(g => g.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                found.UnionWith(group.Subscriptions);
            }
            foreach (var child in groups.Where(g => name.Equals(g.Parent, StringComparison.OrdinalIgnoreCase)))
            {
                pending.Enqueue(child.Name);
            }
        }
        return found;
    }

    // [inf] No recording or document gives the answer for a group the caller cannot see; ARM's usual refusal of a read at
    // a scope without access is 403 AuthorizationFailed, so the emulator answers that.
    public static Hosting.EmulatorResult NotFound(string name) =>
        ArmErrors.Error(403, "AuthorizationFailed",
            $"The client does not have authorization to perform action 'Microsoft.ResourceGraph/resources/read' over scope '/providers/Microsoft.Management/managementGroups/{name}' or the scope is invalid.");
}

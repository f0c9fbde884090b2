using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>One {actions, notActions} block, of a role definition or of the permissions API.</summary>
    internal sealed class PermissionBlock
    {
        public PermissionBlock(string[] actions, string[] notActions)
        {
            Actions = actions;
            NotActions = notActions;
        }

        public string[] Actions { get; }

        public string[] NotActions { get; }

        /// <summary>ARM's rule: granted when an action pattern matches and no notAction pattern of the same block does.</summary>
        public bool Grants(string action) =>
            Actions.Any(p => ActionPattern.Matches(p, action)) && !NotActions.Any(p => ActionPattern.Matches(p, action));

        public static IReadOnlyList<PermissionBlock> ListFrom(JsonNode? permissions) =>
            permissions is JsonArray array
                ? array.OfType<JsonObject>().Select(p => new PermissionBlock(JsonNodes.Strings(p["actions"]), JsonNodes.Strings(p["notActions"]))).ToList()
                : new List<PermissionBlock>();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>One Microsoft.Authorization/roleDefinitions resource; Actions/NotActions flatten all its permission blocks.</summary>
    internal sealed class RoleDefinitionInfo
    {
        public string Id { get; private set; } = "";

        public string Guid { get; private set; } = "";

        public string RoleName { get; private set; } = "";

        /// <summary>"BuiltInRole" or "CustomRole".</summary>
        public string Type { get; private set; } = "";

        public string Description { get; private set; } = "";

        public string[] Actions { get; private set; } = new string[0];

        public string[] NotActions { get; private set; } = new string[0];

        public string[] AssignableScopes { get; private set; } = new string[0];

        /// <summary>The permission blocks as given (ARM grants an action when one block allows it and that block's notActions do not).</summary>
        public IReadOnlyList<PermissionBlock> Permissions { get; private set; } = new PermissionBlock[0];

        public bool IsCustom => string.Equals(Type, "CustomRole", StringComparison.OrdinalIgnoreCase);

        public static RoleDefinitionInfo FromJson(JsonObject json)
        {
            var properties = json["properties"];
            var blocks = PermissionBlock.ListFrom(properties?["permissions"]);
            var id = JsonNodes.Text(json, "id") ?? "";
            return new RoleDefinitionInfo
            {
                Id = id,
                Guid = JsonNodes.Text(json, "name") ?? RbacIds.LastSegment(id),
                RoleName = JsonNodes.Text(properties, "roleName") ?? "",
                Type = JsonNodes.Text(properties, "type") ?? "",
                Description = JsonNodes.Text(properties, "description") ?? "",
                Actions = blocks.SelectMany(b => b.Actions).ToArray(),
                NotActions = blocks.SelectMany(b => b.NotActions).ToArray(),
                AssignableScopes = JsonNodes.Strings(properties?["assignableScopes"]),
                Permissions = blocks,
            };
        }

        public override string ToString() => $"{RoleName} ({Type}, {Id})";
    }
}

using System;
using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.Rbac
{
    internal enum AssignmentOutcome
    {
        Created,
        AlreadyExisted,
    }

    /// <summary>One Microsoft.Authorization/roleAssignments resource as ARM returned it.</summary>
    internal sealed class RoleAssignmentInfo
    {
        public string Id { get; private set; } = "";

        public string Name { get; private set; } = "";

        /// <summary>properties.scope: where the assignment is made (may be above or below a listed scope).</summary>
        public string Scope { get; private set; } = "";

        /// <summary>As the service gave it (subscription- or tenant-qualified); compare <see cref="RoleDefinitionGuid"/>.</summary>
        public string RoleDefinitionId { get; private set; } = "";

        public string RoleDefinitionGuid { get; private set; } = "";

        public string PrincipalId { get; private set; } = "";

        public string PrincipalType { get; private set; } = "";

        /// <summary>properties.description: where the module keeps its ownership record (see Peering.PeeringOwnership).</summary>
        public string? Description { get; private set; }

        public static RoleAssignmentInfo FromJson(JsonObject json)
        {
            var properties = json["properties"];
            var roleDefinitionId = JsonNodes.Text(properties, "roleDefinitionId") ?? "";
            return new RoleAssignmentInfo
            {
                Id = JsonNodes.Text(json, "id") ?? "",
                Name = JsonNodes.Text(json, "name") ?? "",
                Scope = JsonNodes.Text(properties, "scope") ?? "",
                RoleDefinitionId = roleDefinitionId,
                RoleDefinitionGuid = RbacIds.LastSegment(roleDefinitionId),
                PrincipalId = JsonNodes.Text(properties, "principalId") ?? "",
                PrincipalType = JsonNodes.Text(properties, "principalType") ?? "",
                Description = JsonNodes.Text(properties, "description"),
            };
        }

        public bool IsAtScope(string scope) => RbacIds.SameScope(Scope, scope);

        public bool HasRole(string roleDefinitionIdOrGuid) =>
            string.Equals(RoleDefinitionGuid, RbacIds.LastSegment(roleDefinitionIdOrGuid), StringComparison.OrdinalIgnoreCase);

        public override string ToString() => $"{RoleDefinitionGuid} for {PrincipalId} at {Scope}";
    }
}

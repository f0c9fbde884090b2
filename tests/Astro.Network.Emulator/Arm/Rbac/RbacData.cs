using System.Text.Json.Nodes;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Arm.Rbac;

/// <summary>A role assignment as stored (id = scope + /providers/Microsoft.Authorization/roleAssignments/{name}).</summary>
public sealed record RoleAssignmentRecord(string Id, string Name, string Scope, string? RoleGuid, string PrincipalId, JsonObject Body);

/// <summary>Role definitions and assignments read from the emulator state (built-ins plus the ARM resource store).</summary>
public static class RbacData
{
    public const string AssignmentType = "Microsoft.Authorization/roleAssignments";
    public const string DefinitionType = "Microsoft.Authorization/roleDefinitions";

    /// <summary>Custom roles are tenant-wide: stored under their tenant-form ID whatever scope they were written at.</summary>
    public static string CustomRoleKey(string guid) => "/providers/" + DefinitionType + "/" + guid;

    public static IReadOnlyList<RoleDefinitionRecord> CustomRoles(EmulatorState state) =>
        state.Resources.List("", DefinitionType).Select(r => RoleDefinitionRecord.FromStored(r.Body)).ToList();

    public static IEnumerable<RoleDefinitionRecord> AllRoles(EmulatorState state) => BuiltInRoles.All.Concat(CustomRoles(state));

    public static RoleDefinitionRecord? FindRole(EmulatorState state, string guid) =>
        BuiltInRoles.Find(guid) ?? (state.Resources.Get(CustomRoleKey(guid)) is { } stored ? RoleDefinitionRecord.FromStored(stored.Body) : null);

    public static IReadOnlyList<RoleAssignmentRecord> Assignments(EmulatorState state) =>
        state.Resources.OfType(AssignmentType)
            .Select(r => ToAssignment(r.Id, r.Body))
            .ToList();

    public static RoleAssignmentRecord ToAssignment(string id, JsonObject body)
    {
        var path = ArmPath.Parse(id);
        var properties = body["properties"];
        return new RoleAssignmentRecord(path.Path, path.Name ?? "", path.Scope,
            RbacScope.RoleGuidOf((string?)properties?["roleDefinitionId"]), (string?)properties?["principalId"] ?? "", body);
    }
}

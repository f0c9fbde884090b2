using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Rbac;

/// <summary>One permission block of a role definition.</summary>
public sealed record RolePermission(IReadOnlyList<string> Actions, IReadOnlyList<string> NotActions)
{
    public JsonObject ToJson() => new()
    {
        ["actions"] = Strings(Actions),
        ["notActions"] = Strings(NotActions),
        ["dataActions"] = new JsonArray(),
        ["notDataActions"] = new JsonArray(),
    };

    public static RolePermission FromJson(JsonNode? node) =>
        new(Read(node?["actions"]), Read(node?["notActions"]));

    private static JsonArray Strings(IEnumerable<string> items) => new(items.Select(i => (JsonNode)i).ToArray());

    private static IReadOnlyList<string> Read(JsonNode? array) =>
        array is JsonArray a ? a.Select(i => (string?)i).OfType<string>().ToList() : [];
}

/// <summary>A built-in or custom role definition (Guid is the definition's name).</summary>
public sealed record RoleDefinitionRecord(
    string Guid, string RoleName, string RoleType, string Description, IReadOnlyList<RolePermission> Permissions,
    IReadOnlyList<string> AssignableScopes, string CreatedOn, string UpdatedOn, string? CreatedBy, string? UpdatedBy)
{
    public const string BuiltInRole = "BuiltInRole";
    public const string CustomRole = "CustomRole";

    public bool IsCustom => RoleType == CustomRole;

    /// <summary>Assignable at <paramref name="scope"/>: one of its assignable scopes is at or above it.</summary>
    public bool IsAssignableAt(string scope) => AssignableScopes.Any(a => RbacScope.IsAtOrAbove(a, scope));

    /// <summary>The RoleDefinition body as listed or read at <paramref name="scope"/>.</summary>
    public JsonObject ToJson(string scope) => new()
    {
        ["id"] = RbacScope.RoleDefinitionId(scope, Guid),
        ["name"] = Guid,
        ["type"] = "Microsoft.Authorization/roleDefinitions",
        ["properties"] = new JsonObject
        {
            ["roleName"] = RoleName,
            ["type"] = RoleType,
            ["description"] = Description,
            ["assignableScopes"] = new JsonArray(AssignableScopes.Select(s => (JsonNode)s).ToArray()),
            ["permissions"] = new JsonArray(Permissions.Select(p => (JsonNode)p.ToJson()).ToArray()),
            ["createdOn"] = CreatedOn,
            ["updatedOn"] = UpdatedOn,
            ["createdBy"] = CreatedBy,
            ["updatedBy"] = UpdatedBy,
        },
    };

    /// <summary>A custom role from its stored body.</summary>
    public static RoleDefinitionRecord FromStored(JsonObject body)
    {
        var p = body["properties"];
        return new RoleDefinitionRecord(
            (string)body["name"]!, (string?)p?["roleName"] ?? "", (string?)p?["type"] ?? CustomRole, (string?)p?["description"] ?? "",
            p?["permissions"] is JsonArray perms ? perms.Select(RolePermission.FromJson).ToList() : [],
            p?["assignableScopes"] is JsonArray scopes ? scopes.Select(s => (string?)s).OfType<string>().ToList() : [],
            // A seed without timestamps still answers date-times, as every role definition of the spec does.
            (string?)p?["createdOn"] ?? SeedTime, (string?)p?["updatedOn"] ?? SeedTime, (string?)p?["createdBy"], (string?)p?["updatedBy"]);
    }

    private const string SeedTime = "2024-01-01T00:00:00.0000000Z";
}

using System.Text.RegularExpressions;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Arm.Rbac;

/// <summary>
/// Azure RBAC as ARM evaluates it (no deny assignments, no ABAC conditions): a principal may perform an action at a scope
/// when one of its role assignments at that scope or above has a role whose actions match and whose notActions do not.
/// </summary>
public static class RbacEvaluator
{
    public static bool IsAllowed(EmulatorState state, string principalObjectId, string action, string scope) =>
        EffectiveRoles(state, principalObjectId, scope).Any(role => Grants(role, action));

    /// <summary>The role definitions the principal holds at <paramref name="scope"/> (assigned there or above), once each.</summary>
    public static IReadOnlyList<RoleDefinitionRecord> EffectiveRoles(EmulatorState state, string principalObjectId, string scope) =>
        RbacData.Assignments(state)
            .Where(a => a.PrincipalId.Equals(principalObjectId, StringComparison.OrdinalIgnoreCase) && RbacScope.IsAtOrAbove(a.Scope, scope))
            .Select(a => a.RoleGuid is null ? null : RbacData.FindRole(state, a.RoleGuid))
            .OfType<RoleDefinitionRecord>()
            .DistinctBy(r => r.Guid, StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>notActions subtract only from the actions of the same permission block, as in ARM.</summary>
    public static bool Grants(RoleDefinitionRecord role, string action) =>
        role.Permissions.Any(p => p.Actions.Any(a => Matches(a, action)) && !p.NotActions.Any(n => Matches(n, action)));

    /// <summary>ARM action pattern match: "*" stands for any run of characters; case-insensitive.</summary>
    public static bool Matches(string pattern, string action) =>
        Regex.IsMatch(action, "^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}

namespace Astro.Network.Emulator.Arm.Rbac;

/// <summary>ARM scope arithmetic on path segments (case-insensitive); "/" is the tenant root above everything.</summary>
public static class RbacScope
{
    public const string Root = "/";

    public static string[] Segments(string scope) => scope.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when <paramref name="ancestor"/> is <paramref name="scope"/> or one of its parents.</summary>
    public static bool IsAtOrAbove(string ancestor, string scope)
    {
        var a = Segments(ancestor);
        var s = Segments(scope);
        return a.Length <= s.Length && a.Select((seg, i) => seg.Equals(s[i], StringComparison.OrdinalIgnoreCase)).All(x => x);
    }

    public static bool Same(string a, string b) => IsAtOrAbove(a, b) && IsAtOrAbove(b, a);

    /// <summary>The subscription a scope lies in, or null for the tenant root.</summary>
    public static string? SubscriptionOf(string scope)
    {
        var s = Segments(scope);
        return s.Length >= 2 && s[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? s[1] : null;
    }

    /// <summary>A role definition ID as ARM returns it at a scope: subscription-qualified, or the tenant form at the root.</summary>
    public static string RoleDefinitionId(string scope, string roleGuid) =>
        (SubscriptionOf(scope) is { } sub ? $"/subscriptions/{sub}" : "") + "/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid;

    /// <summary>The trailing GUID of a role definition ID (either form), or null when it does not end in one.</summary>
    public static string? RoleGuidOf(string? roleDefinitionId)
    {
        var last = roleDefinitionId?.TrimEnd('/').Split('/')[^1];
        return Guid.TryParse(last, out var guid) ? guid.ToString() : null;
    }
}

using System.Text.RegularExpressions;

namespace Astro.Network.Emulator.Arm.Rbac;

/// <summary>One term of a Microsoft.Authorization $filter: a call such as atScope() / assignedTo('id'), or "field eq 'value'".</summary>
public sealed record RbacFilterTerm(string Name, string? Value);

/// <summary>Parses the small OData subset Microsoft.Authorization accepts: terms joined by "and".</summary>
public static partial class RbacFilter
{
    /// <summary>The terms, or null when some term is not of a known shape.</summary>
    public static IReadOnlyList<RbacFilterTerm>? Parse(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter))
        {
            return [];
        }
        var terms = new List<RbacFilterTerm>();
        foreach (var part in AndSeparator().Split(filter.Trim()))
        {
            var m = Term().Match(part.Trim());
            if (!m.Success)
            {
                return null;
            }
            var name = m.Groups["call"].Success ? m.Groups["call"].Value + "()" : m.Groups["field"].Value;
            var value = m.Groups["value"].Success ? m.Groups["value"].Value.Replace("''", "'") : m.Groups["bare"].Success ? m.Groups["bare"].Value : null;
            terms.Add(new RbacFilterTerm(name, value));
        }
        return terms;
    }

    [GeneratedRegex(@"\s+and\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^(?:(?<call>\w+)\(\s*(?:'(?<value>(?:[^']|'')*)')?\s*\)|(?<field>\w+)\s+eq\s+(?:'(?<value>(?:[^']|'')*)'|(?<bare>[^\s']+)))$", RegexOptions.IgnoreCase)]
    private static partial Regex Term();
}

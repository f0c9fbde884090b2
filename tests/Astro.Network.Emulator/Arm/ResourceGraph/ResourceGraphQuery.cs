using System.Text.RegularExpressions;

namespace Astro.Network.Emulator.Arm.ResourceGraph;

/// <summary>
/// The KQL subset the module sends to Resource Graph, and nothing else (anything outside it is 400 InvalidQuery, as a
/// query the service cannot parse would be):
/// <code>resources
/// | where type in~ ('microsoft.storage/storageaccounts', ...)
/// | project id, name, type, subscriptionId, resourceGroup, location, sku, tags, properties
/// | order by id asc</code>
/// Each stage is optional after the table name; <c>project</c> columns are any of those listed.
/// </summary>
public sealed partial class ResourceGraphQuery
{
    public static readonly IReadOnlyList<string> Columns = ["id", "name", "type", "subscriptionId", "resourceGroup", "location", "sku", "tags", "properties", "kind"];

    public IReadOnlyCollection<string>? Types { get; private init; }

    public IReadOnlyList<string> Project { get; private init; } = Columns;

    public bool OrderById { get; private init; }

    [GeneratedRegex(@"^where\s+type\s+in~\s*\((?<list>[^)]*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex WhereType();

    [GeneratedRegex(@"^'([^']*)'$")]
    private static partial Regex Quoted();

    /// <summary>Parses <paramref name="text"/>; null with <paramref name="error"/> when it is outside the subset.</summary>
    public static ResourceGraphQuery? Parse(string? text, out string error)
    {
        error = "";
        var stages = (text ?? "").Split('|').Select(s => Regex.Replace(s.Trim(), @"\s+", " ")).ToList();
        if (stages.Count == 0 || !stages[0].Equals("resources", StringComparison.OrdinalIgnoreCase))
        {
            error = "Query must start with the 'resources' table.";
            return null;
        }
        HashSet<string>? types = null;
        IReadOnlyList<string> project = Columns;
        var order = false;
        foreach (var stage in stages.Skip(1))
        {
            if (WhereType().Match(stage) is { Success: true } where)
            {
                var items = where.Groups["list"].Value.Split(',').Select(i => Quoted().Match(i.Trim())).ToList();
                if (items.Any(m => !m.Success))
                {
                    error = $"Query is invalid near '{stage}'.";
                    return null;
                }
                types = items.Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
            }
            else if (stage.StartsWith("project ", StringComparison.OrdinalIgnoreCase))
            {
                project = stage[8..].Split(',').Select(c => c.Trim()).ToList();
                if (project.FirstOrDefault(c => !Columns.Contains(c)) is { } unknown)
                {
                    error = $"Query is invalid: unknown column '{unknown}'.";
                    return null;
                }
            }
            else if (stage.Equals("order by id asc", StringComparison.OrdinalIgnoreCase))
            {
                order = true;
            }
            else
            {
                error = $"Query is invalid near '{stage}' (the emulator serves only the module's query shape).";
                return null;
            }
        }
        return new ResourceGraphQuery { Types = types, Project = project, OrderById = order };
    }
}

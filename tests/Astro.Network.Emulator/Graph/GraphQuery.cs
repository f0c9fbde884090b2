using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Astro.Network.Emulator.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Astro.Network.Emulator.Graph;

/// <summary>
/// A Graph entity type as the query options see it: its set, properties, which of them $filter accepts with "eq", and which
/// (string collections) it accepts with "any(x:x eq '…')".
/// </summary>
internal sealed record GraphEntityType(string Set, string Name, IReadOnlyList<string> Properties, IReadOnlyList<string> Filterable,
    IReadOnlyList<string> FilterableCollections)
{
    public static readonly GraphEntityType ServicePrincipal = new("servicePrincipals", "servicePrincipal",
        GraphDirectory.ServicePrincipalProperties, ["id", "appId", "displayName"], ["servicePrincipalNames"]);

    public static readonly GraphEntityType Application = new("applications", "application",
        GraphDirectory.ApplicationProperties, ["id", "appId", "displayName"], []);

    public static readonly GraphEntityType User = new("users", "user", GraphDirectory.UserProperties, ["id", "userPrincipalName", "displayName"], []);
}

/// <summary>OData query options of Graph v1.0 reads ($filter equality forms, $select, $top + @odata.nextLink) and the reply shapes.</summary>
internal static partial class GraphQuery
{
    private const int MaxTop = 999;

    public static EmulatorResult Entity(GraphRequestContext ctx, GraphEntityType type, JsonObject item, int status = 200)
    {
        var select = ParseSelect(ctx, type, out var error);
        if (error is not null)
        {
            return error;
        }
        var body = new JsonObject { ["@odata.context"] = Context(ctx, type, select) + "/$entity" };
        foreach (var (name, value) in Project(item, select))
        {
            body[name] = value?.DeepClone();
        }
        return EmulatorResult.Json(status, body);
    }

    public static EmulatorResult Collection(GraphRequestContext ctx, GraphEntityType type, IEnumerable<JsonObject> items)
    {
        var select = ParseSelect(ctx, type, out var error);
        var filtered = error is null ? Filter(ctx, type, items, out error) : null;
        var size = error is null ? PageSize(ctx, out error) : 0;
        if (error is not null)
        {
            return error;
        }
        var all = filtered!;
        var skip = int.TryParse(ctx.Query("skiptoken"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var page = all.Skip(skip).Take(size)
            .Select(item => (JsonNode)new JsonObject(Project(item, select).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))))
            .ToArray();
        var body = new JsonObject { ["@odata.context"] = Context(ctx, type, select) };
        if (skip + size < all.Count)
        {
            var query = ctx.Http.Request.Query
                .Where(q => q.Key is not ("$skiptoken" or "skiptoken"))
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                .Append(KeyValuePair.Create("$skiptoken", (string?)(skip + size).ToString(CultureInfo.InvariantCulture)));
            body["@odata.nextLink"] = QueryHelpers.AddQueryString(new Uri(ctx.State.BaseUri, ctx.Http.Request.Path.Value!.TrimStart('/')).ToString(), query);
        }
        body["value"] = new JsonArray(page);
        return EmulatorResult.Json(200, body);
    }

    private static List<JsonObject>? Filter(GraphRequestContext ctx, GraphEntityType type, IEnumerable<JsonObject> items, out EmulatorResult? error)
    {
        error = null;
        var filter = ctx.Query("filter");
        if (filter is null)
        {
            return items.ToList();
        }
        var match = EqualsClause().Match(filter) is { Success: true } eq ? eq : AnyClause().Match(filter);
        var allowed = match.Groups["var"].Success ? type.FilterableCollections : type.Filterable;
        var property = match.Success ? allowed.FirstOrDefault(p => p.Equals(match.Groups["prop"].Value, StringComparison.OrdinalIgnoreCase)) : null;
        if (property is null)
        {
            var named = match.Success ? match.Groups["prop"].Value : Regex.Match(filter, "^\\s*([A-Za-z]+)").Groups[1].Value;
            error = ServiceErrors.Graph(400, "Request_UnsupportedQuery",
                $"Unsupported or invalid query filter clause specified for property '{named}' of resource '{char.ToUpperInvariant(type.Name[0])}{type.Name[1..]}'.");
            return null;
        }
        var value = match.Groups["value"].Value.Replace("''", "'");
        return items.Where(item => item[property] switch
        {
            JsonArray array => array.Any(v => Same(v?.GetValue<string>(), value)),
            JsonValue scalar => Same(scalar.GetValue<string>(), value),
            _ => false,
        }).ToList();
    }

    private static string[]? ParseSelect(GraphRequestContext ctx, GraphEntityType type, out EmulatorResult? error)
    {
        error = null;
        var select = ctx.Query("select");
        if (string.IsNullOrWhiteSpace(select))
        {
            return null;
        }
        var names = new List<string>();
        foreach (var name in select.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var known = type.Properties.FirstOrDefault(p => p.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                error = ServiceErrors.Graph(400, "BadRequest", $"Could not find a property named '{name}' on type 'microsoft.graph.{type.Name}'.");
                return null;
            }
            names.Add(known);
        }
        return names.Distinct().ToArray();
    }

    private static int PageSize(GraphRequestContext ctx, out EmulatorResult? error)
    {
        error = null;
        var top = ctx.Query("top");
        if (top is null)
        {
            return Math.Max(1, ctx.State.Settings.PageSize);
        }
        if (int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxTop)
        {
            return n;
        }
        error = ServiceErrors.Graph(400, "Request_UnsupportedQuery", $"Invalid page size specified: '{top}'. Must be between 1 and {MaxTop} inclusive.");
        return 0;
    }

    /// <summary>The selected properties (id always first), or all of them.</summary>
    private static IEnumerable<KeyValuePair<string, JsonNode?>> Project(JsonObject item, string[]? select) =>
        select is null ? item : item.Where(p => p.Key == "id" || select.Contains(p.Key)).OrderBy(p => p.Key == "id" ? -1 : Array.IndexOf(select, p.Key));

    private static string Context(GraphRequestContext ctx, GraphEntityType type, string[]? select) =>
        $"{ctx.Root}$metadata#{type.Set}" + (select is null ? "" : $"({string.Join(",", select)})");

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\s*(?<prop>[A-Za-z]+)\s+eq\s+'(?<value>(?:[^']|'')*)'\s*$")]
    private static partial Regex EqualsClause();

    // What az sends: servicePrincipalNames/any(c:c eq '{appId}').
    [GeneratedRegex(@"^\s*(?<prop>[A-Za-z]+)/any\(\s*(?<var>[A-Za-z]+)\s*:\s*\k<var>\s+eq\s+'(?<value>(?:[^']|'')*)'\s*\)\s*$")]
    private static partial Regex AnyClause();
}

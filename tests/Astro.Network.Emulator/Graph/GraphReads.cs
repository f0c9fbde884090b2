using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Graph;

/// <summary>The read-only entity sets: GET list (query options) and GET one by object ID or an alternate key.</summary>
internal static class GraphReads
{
    /// <param name="alternateKeys">Properties that address one item, in the path as set(key='v'); for users also set/{upn}.</param>
    public static IResult? Handle(GraphRequestContext ctx, GraphEntityType type, IReadOnlyCollection<string> appRoles,
        IReadOnlyList<string> alternateKeys, Func<List<JsonObject>> items)
    {
        if (ctx.Segments.Count > 2 || (ctx.KeyValue is not null && ctx.Segments.Count > 1))
        {
            return null;
        }
        if (ctx.Method != "GET")
        {
            return GraphReplies.MethodNotAllowed();
        }
        if (!GraphDirectory.CanRead(ctx.State, ctx.Principal, appRoles))
        {
            return GraphReplies.Forbidden();
        }
        if (ctx.KeyValue is null && ctx.Segments.Count == 1)
        {
            return GraphQuery.Collection(ctx, type, items());
        }
        var (item, error) = Find(ctx, type, alternateKeys, items());
        return error ?? GraphQuery.Entity(ctx, type, item!);
    }

    /// <summary>The one item the path addresses (set/{id} or set(key='value')), or the error Graph answers.</summary>
    public static (JsonObject? Item, EmulatorResult? Error) Find(GraphRequestContext ctx, GraphEntityType type,
        IReadOnlyList<string> alternateKeys, IEnumerable<JsonObject> items)
    {
        var (key, value) = ctx.KeyValue is null ? ("id", ctx.Segments[1]) : (ctx.KeyProperty!, ctx.KeyValue);
        var property = key.Equals("id", StringComparison.OrdinalIgnoreCase) ? "id"
            : alternateKeys.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase));
        if (property is null)
        {
            return (null, ServiceErrors.Graph(400, "BadRequest", $"The property '{key}' is not an alternate key of type 'microsoft.graph.{type.Name}'."));
        }
        // users/{id-or-upn}: a value that is no GUID is looked up by userPrincipalName, as Graph does.
        if (property == "id" && !GraphReplies.IsObjectId(value))
        {
            if (!alternateKeys.Contains("userPrincipalName") || ctx.KeyValue is not null)
            {
                return (null, GraphReplies.InvalidObjectId(value));
            }
            property = "userPrincipalName";
        }
        var found = items.FirstOrDefault(i => value.Equals((string?)i[property], StringComparison.OrdinalIgnoreCase));
        return found is null ? (null, GraphReplies.NotFound(value)) : (found, null);
    }
}

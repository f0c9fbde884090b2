using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Graph;

/// <summary>POST directoryObjects/getByIds {"ids":[...],"types":[...]}: the caller's tenant's service principals, users and applications.</summary>
internal sealed class DirectoryObjectsHandler : IGraphHandler
{
    private const int MaxIds = 1000;

    public string EntitySet => "directoryObjects";

    public async Task<IResult?> HandleAsync(GraphRequestContext ctx)
    {
        if (ctx.Segments.Count != 2 || ctx.KeyValue is not null || !ctx.Segments[1].Equals("getByIds", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (ctx.Method != "POST")
        {
            return GraphReplies.MethodNotAllowed();
        }
        if (!GraphDirectory.CanRead(ctx.State, ctx.Principal, GraphDirectory.DirectoryReadRoles))
        {
            return GraphReplies.Forbidden();
        }
        var body = await ctx.ReadJsonAsync();
        if (body is null)
        {
            return GraphReplies.UnreadableBody();
        }
        if (body["ids"] is not JsonArray idArray || idArray.Count is 0 or > MaxIds)
        {
            return ServiceErrors.Graph(400, "Request_BadRequest", $"Invalid value specified for property 'ids': between 1 and {MaxIds} IDs are required.");
        }
        var types = (body["types"] as JsonArray)?.Select(t => (string?)t ?? "").ToList() ?? [];
        var directory = new (string Type, List<JsonObject> Items)[]
        {
            ("servicePrincipal", GraphDirectory.ServicePrincipals(ctx.State, ctx.TenantId)),
            ("user", GraphDirectory.Users(ctx.State, ctx.TenantId)),
            ("application", GraphDirectory.Applications(ctx.State, ctx.TenantId)),
        };
        var value = new JsonArray();
        foreach (var id in idArray.Select(i => (string?)i ?? "").Distinct(StringComparer.OrdinalIgnoreCase))
        {
            foreach (var (type, items) in directory.Where(d => types.Count == 0 || types.Contains(d.Type, StringComparer.OrdinalIgnoreCase)))
            {
                if (items.FirstOrDefault(i => id.Equals((string?)i["id"], StringComparison.OrdinalIgnoreCase)) is { } item)
                {
                    var typed = new JsonObject { ["@odata.type"] = $"#microsoft.graph.{type}" };
                    foreach (var (name, node) in item)
                    {
                        typed[name] = node?.DeepClone();
                    }
                    value.Add(typed);
                }
            }
        }
        return EmulatorResult.Json(200, new JsonObject { ["@odata.context"] = $"{ctx.Root}$metadata#directoryObjects", ["value"] = value });
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Graph;

/// <summary>GET organization: the caller's tenant (id, displayName, verifiedDomains) as a one-item collection.</summary>
internal sealed class OrganizationHandler : IGraphHandler
{
    public string EntitySet => "organization";

    public Task<IResult?> HandleAsync(GraphRequestContext ctx)
    {
        if (ctx.Segments.Count > 1 || ctx.KeyValue is not null)
        {
            return Task.FromResult<IResult?>(null);
        }
        if (ctx.Method != "GET")
        {
            return Task.FromResult<IResult?>(GraphReplies.MethodNotAllowed());
        }
        if (!GraphDirectory.CanRead(ctx.State, ctx.Principal, GraphDirectory.OrganizationReadRoles))
        {
            return Task.FromResult<IResult?>(GraphReplies.Forbidden());
        }
        var organization = GraphDirectory.Organization(ctx.State, ctx.TenantId);
        var body = new JsonObject
        {
            ["@odata.context"] = $"{ctx.Root}$metadata#organization",
            ["value"] = organization is null ? new JsonArray() : new JsonArray(organization),
        };
        return Task.FromResult<IResult?>(EmulatorResult.Json(200, body));
    }
}

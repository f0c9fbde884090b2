using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Graph;

/// <summary>
/// servicePrincipals: GET by object ID or appId alternate key, list with $filter/$select/$top, POST (instantiate another
/// publisher's multi-tenant app in the caller's tenant), DELETE. Rights come from the scenario (GraphDirectory).
/// </summary>
internal sealed class ServicePrincipalsHandler : IGraphHandler
{
    private static readonly GraphEntityType Type = GraphEntityType.ServicePrincipal;
    private static readonly string[] AlternateKeys = ["appId"];

    public string EntitySet => Type.Set;

    public async Task<IResult?> HandleAsync(GraphRequestContext ctx)
    {
        if (ctx.Method == "GET")
        {
            return GraphReads.Handle(ctx, Type, GraphDirectory.ApplicationReadRoles, AlternateKeys, () => InTenant(ctx));
        }
        if (ctx.Segments.Count > 2 || (ctx.KeyValue is not null && ctx.Segments.Count > 1))
        {
            return null;
        }
        var collection = ctx.KeyValue is null && ctx.Segments.Count == 1;
        return (ctx.Method, collection) switch
        {
            ("POST", true) => await CreateAsync(ctx),
            ("DELETE", false) => Delete(ctx),
            _ => GraphReplies.MethodNotAllowed(),
        };
    }

    private static List<JsonObject> InTenant(GraphRequestContext ctx) => GraphDirectory.ServicePrincipals(ctx.State, ctx.TenantId);

    private static async Task<IResult> CreateAsync(GraphRequestContext ctx)
    {
        var body = await ctx.ReadJsonAsync();
        if (body is null)
        {
            return GraphReplies.UnreadableBody();
        }
        var appId = body["appId"] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : "";
        if (appId.Length == 0)
        {
            return ServiceErrors.Graph(400, "Request_BadRequest", "One or more properties are invalid: the property 'appId' is required.");
        }
        if (!GraphDirectory.CanManageServicePrincipals(ctx.State, ctx.Principal))
        {
            return GraphReplies.Forbidden();
        }
        var exists = InTenant(ctx).Any(sp => appId.Equals((string?)sp["appId"], StringComparison.OrdinalIgnoreCase));
        var app = ctx.State.MultiTenantApps.FirstOrDefault(a => a.AppId.Equals(appId, StringComparison.OrdinalIgnoreCase));
        if (!exists && app is null)
        {
            return ServiceErrors.Graph(400, "Request_BadRequest",
                $"The appId '{appId}' of the service principal does not reference a valid application object.");
        }
        var created = exists ? null : ctx.State.AddServicePrincipal(ctx.TenantId, app!.AppId, app.DisplayName);
        if (created is null)
        {
            return ServiceErrors.Graph(409, "Request_MultipleObjectsWithSameKeyValue",
                $"The service principal cannot be created, updated, or restored because the service principal name {appId} is already in use.");
        }
        var result = GraphQuery.Entity(ctx, Type, GraphDirectory.ServicePrincipal(ctx.State, created), 201);
        return result.WithHeader("Location", $"{ctx.Root}servicePrincipals/{created.ObjectId}");
    }

    private static IResult Delete(GraphRequestContext ctx)
    {
        if (!GraphDirectory.CanManageServicePrincipals(ctx.State, ctx.Principal))
        {
            return GraphReplies.Forbidden();
        }
        var (found, error) = GraphReads.Find(ctx, Type, AlternateKeys, InTenant(ctx));
        if (error is not null)
        {
            return error;
        }
        // The tenant's own apps and managed identities keep their service principals here (the scenario defines them).
        if (!ctx.State.ServicePrincipalsIn(ctx.TenantId).Any(sp => sp.ObjectId.Equals((string?)found!["id"], StringComparison.OrdinalIgnoreCase)))
        {
            return GraphReplies.Forbidden();
        }
        return ServiceErrors.Graph(501, "NotImplemented", "The emulator cannot delete service principals yet: EmulatorState has no removal.");
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm;

/// <summary>
/// Base for store-backed handlers: GET item/list come for free; override the write methods a type supports
/// (an override that stays null means 405). Bodies are stored as given; <see cref="Present"/> shapes them for output.
/// </summary>
public abstract class ArmResourceHandler : IArmResourceHandler
{
    public abstract string ResourceType { get; }
    public abstract IReadOnlyCollection<string> ApiVersions { get; }

    /// <summary>Whether the type's body carries "etag" (Network resources do); it is then also sent as the ETag header.</summary>
    protected virtual bool BodyHasETag => false;

    public Task<IResult?> HandleAsync(ArmRequestContext ctx) => (ctx.Method.ToUpperInvariant(), ctx.Path.IsCollection, ctx.Action) switch
    {
        ("GET", true, null) => Task.FromResult(ListAsync(ctx)),
        ("GET", false, null) => Task.FromResult(GetAsync(ctx)),
        ("PUT", false, null) => PutAsync(ctx),
        ("PATCH", false, null) => PatchAsync(ctx),
        ("DELETE", false, null) => DeleteAsync(ctx),
        ("POST", false, { } action) => ActionAsync(ctx, action),
        _ => Task.FromResult<IResult?>(null),
    };

    protected virtual IResult? GetAsync(ArmRequestContext ctx) =>
        ctx.Store.Get(ctx.ResourceId) is { } stored ? Respond(200, stored) : ctx.NotFound();

    protected virtual IResult? ListAsync(ArmRequestContext ctx) =>
        ctx.Page(ctx.Store.List(ctx.Path.Owner, ResourceType).Select(r => (JsonNode)Present(r)));

    protected virtual Task<IResult?> PutAsync(ArmRequestContext ctx) => Task.FromResult<IResult?>(null);
    protected virtual Task<IResult?> PatchAsync(ArmRequestContext ctx) => Task.FromResult<IResult?>(null);
    protected virtual Task<IResult?> DeleteAsync(ArmRequestContext ctx) => Task.FromResult<IResult?>(null);
    protected virtual Task<IResult?> ActionAsync(ArmRequestContext ctx, string action) => Task.FromResult<IResult?>(null);

    /// <summary>The body as the API returns it (etag from the store when the type has one).</summary>
    public virtual JsonObject Present(StoredResource stored)
    {
        var body = stored.Body;
        if (BodyHasETag)
        {
            body["etag"] = stored.ETag;
        }
        return body;
    }

    /// <summary>A response with the presented body (and ETag header when the type has etags).</summary>
    protected EmulatorResult Respond(int status, StoredResource stored)
    {
        var result = EmulatorResult.Json(status, Present(stored));
        return BodyHasETag ? result.WithHeader("ETag", stored.ETag) : result;
    }

    /// <summary>Sets id, name and type from the addressed path, as ARM does whatever the client sent.</summary>
    protected static JsonObject WithIdentity(ArmRequestContext ctx, JsonObject body)
    {
        body["id"] = ctx.ResourceId;
        body["name"] = ctx.Path.Name;
        body["type"] = ctx.Path.ResourceType;
        return body;
    }

    /// <summary>body.properties, created when missing.</summary>
    protected static JsonObject Properties(JsonObject body)
    {
        if (body["properties"] is JsonObject properties)
        {
            return properties;
        }
        properties = new JsonObject();
        body["properties"] = properties;
        return properties;
    }
}

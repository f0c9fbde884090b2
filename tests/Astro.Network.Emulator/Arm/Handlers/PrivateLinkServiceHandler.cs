using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/privateLinkServices (privateLinkService.json 2024-01-01): GET, list by group and subscription, PUT as
/// an LRO (200/201 + Azure-AsyncOperation, final-state-via azure-async-operation) and DELETE as an LRO (202 + Location).
/// Enough to seed and read a service; its connections are served by <see cref="PrivateEndpointConnectionHandler"/> and a
/// PUT of the service keeps them (they are read-only here).
/// </summary>
public sealed class PrivateLinkServiceHandler : ArmResourceHandler
{
    public override string ResourceType => "Microsoft.Network/privateLinkServices";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01"];
    protected override bool BodyHasETag => true;

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["privateEndpointConnections"] ??= new JsonArray();
        properties["alias"] ??= Alias(stored.Id, (string?)body["location"]);
        return body;
    }

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var body = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (body["location"] is not JsonValue)
        {
            return ctx.Error(400, "LocationRequired", "The location property is required for this definition.");
        }
        var existing = ctx.Store.Get(ctx.ResourceId);
        var properties = Properties(WithIdentity(ctx, body));
        foreach (var readOnly in new[] { "privateEndpointConnections", "alias", "networkInterfaces" })
        {
            properties[readOnly] = existing?.Body["properties"]?[readOnly]?.DeepClone();
            if (properties[readOnly] is null)
            {
                properties.Remove(readOnly);
            }
        }
        properties["alias"] ??= Alias(ctx.ResourceId, (string?)body["location"]);
        properties["provisioningState"] = "Updating";
        body.Remove("etag");
        var (outcome, stored) = ctx.Store.Put(ctx.ResourceId, body, ctx.IfMatch, ctx.IfNoneMatch);
        if (outcome == StoreOutcome.PreconditionFailed)
        {
            return ctx.PreconditionFailed();
        }
        return ctx.LongRunning(outcome == StoreOutcome.Created ? 201 : 200, Present(stored!),
            complete: () => ctx.Store.Update(ctx.ResourceId, b => Properties(b)["provisioningState"] = "Succeeded"),
            location: (string?)body["location"])
            .WithHeader("ETag", stored!.ETag);
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        var current = ctx.Store.Get(ctx.ResourceId);
        if (current is null)
        {
            return Task.FromResult<IResult?>(EmulatorResult.Empty(204));
        }
        return Task.FromResult<IResult?>(ctx.LongRunning(202, null, complete: () => ctx.Store.Delete(ctx.ResourceId),
            locationHeader: true, location: (string?)current.Body["location"]));
    }

    /// <summary>"{name}.{guid}.{region}.azure.privatelinkservice", the same on every read (the GUID comes from the ID).</summary>
    private static string Alias(string id, string? location) =>
        $"{ArmPath.Parse(id).Name}.{new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(id.ToLowerInvariant())).AsSpan(0, 16))}.{location}.azure.privatelinkservice";
}

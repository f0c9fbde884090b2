using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/privateDnsZones (privatedns.json 2020-06-01). PUT answers 201/200 at once (the spec allows 200/201
/// besides 202): location must be "global" in any case (example PrivateZonePut.json sends "Global", gets "global"); a new
/// zone gets its SOA record set "@". The read-only counts come from the zone's links and record sets. DELETE 200, 204 when
/// absent; refused while VNet links remain (azure-specs README section 11 [inf]).
/// </summary>
public sealed class PrivateDnsZoneHandler : ArmResourceHandler
{
    public const string Type = "Microsoft.Network/privateDnsZones";
    public override string ResourceType => Type;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2020-06-01"];
    protected override bool BodyHasETag => true;

    protected override IResult? GetAsync(ArmRequestContext ctx) =>
        ctx.Store.Get(ctx.ResourceId) is { } stored ? Counted(ctx.Store, 200, stored) : ctx.NotFound();

    protected override IResult? ListAsync(ArmRequestContext ctx) =>
        ctx.Page(ctx.Store.List(ctx.Path.Owner, ResourceType).Select(r => (JsonNode)WithCounts(ctx.Store, r)));

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var request = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (PrivateDns.LocationError(ctx, request) is { } error)
        {
            return error;
        }
        var body = WithIdentity(ctx, new JsonObject { ["location"] = "global", ["tags"] = request["tags"]?.DeepClone() ?? new JsonObject() });
        body["properties"] = new JsonObject { ["internalId"] = ctx.Store.Get(ctx.ResourceId)?.Body["properties"]?["internalId"]?.DeepClone() ?? Guid.NewGuid().ToString("N"), ["provisioningState"] = "Succeeded" };
        var (outcome, stored) = ctx.Store.Put(ctx.ResourceId, body, ctx.IfMatch, ctx.IfNoneMatch);
        if (outcome == StoreOutcome.PreconditionFailed)
        {
            return ctx.PreconditionFailed();
        }
        if (outcome == StoreOutcome.Created)
        {
            PrivateDns.PutSoa(ctx.Store, ctx.ResourceId, ctx.Path.Name!);
        }
        return Counted(ctx.Store, outcome == StoreOutcome.Created ? 201 : 200, stored!);
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        if (ctx.Store.Get(ctx.ResourceId) is null)
        {
            return Task.FromResult<IResult?>(EmulatorResult.Empty(204));
        }
        if (ctx.Store.List(ctx.ResourceId, PrivateDns.LinkType).Count > 0)
        {
            return Task.FromResult<IResult?>(ctx.Error(400, "BadRequest",
                $"The private DNS zone {ctx.Path.Name} cannot be deleted because it has virtual network links; delete them first."));
        }
        var outcome = ctx.Store.Delete(ctx.ResourceId, ctx.IfMatch);
        return Task.FromResult<IResult?>(outcome == StoreOutcome.PreconditionFailed ? ctx.PreconditionFailed() : EmulatorResult.Empty(200));
    }

    private EmulatorResult Counted(ArmResourceStore store, int status, StoredResource stored) =>
        EmulatorResult.Json(status, WithCounts(store, stored)).WithHeader("ETag", stored.ETag);

    /// <summary>The zone with its read-only counts and limits (PrivateZoneProperties).</summary>
    private JsonObject WithCounts(ArmResourceStore store, StoredResource stored)
    {
        var body = Present(stored);
        if (body["properties"] is JsonObject p)
        {
            var links = store.List(stored.Id, PrivateDns.LinkType);
            p["maxNumberOfRecordSets"] = 25000;
            p["numberOfRecordSets"] = PrivateDns.RecordSets(store, stored.Id).Count;
            p["maxNumberOfVirtualNetworkLinks"] = 1000;
            p["numberOfVirtualNetworkLinks"] = links.Count;
            p["maxNumberOfVirtualNetworkLinksWithRegistration"] = 100;
            p["numberOfVirtualNetworkLinksWithRegistration"] = links.Count(l => l.Body["properties"]?["registrationEnabled"]?.GetValue<bool>() == true);
        }
        return body;
    }
}

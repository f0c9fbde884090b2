using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Private DNS record sets (privatedns.json 2020-06-01; examples RecordSetAPut/Get/Delete.json), synchronous: PUT 201/200
/// replaces the record set (no location; metadata is its string map), lowercasing the name in id and name and adding fqdn
/// (trailing dot) and isAutoRegistered false, honouring If-Match / If-None-Match; SOA cannot be created. DELETE 200, 204 when
/// absent. "ALL" lists every record set of the zone (RecordSets_List), the SOA included.
/// </summary>
public sealed class PrivateDnsRecordSetHandler(string recordType) : ArmResourceHandler
{
    public override string ResourceType => "Microsoft.Network/privateDnsZones/" + recordType;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2020-06-01"];
    protected override bool BodyHasETag => true;

    public static IEnumerable<IArmResourceHandler> All =>
        PrivateDns.RecordTypes.Select(t => (IArmResourceHandler)new PrivateDnsRecordSetHandler(t)).Append(new PrivateDnsRecordSetHandler("ALL"));

    protected override IResult? ListAsync(ArmRequestContext ctx) => recordType == "ALL"
        ? ctx.Page(PrivateDns.RecordSets(ctx.Store, ctx.Path.Owner).Select(r => (JsonNode)Present(r)))
        : base.ListAsync(ctx);

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        if (recordType is "SOA" or "ALL")
        {
            return ctx.Error(400, "BadRequest", $"A {recordType} record set cannot be created.");
        }
        var request = await ctx.ReadJsonAsync() ?? new JsonObject();
        var name = ctx.Path.Name!.ToLowerInvariant();
        var id = ctx.Path.Owner + "/" + recordType + "/" + name;
        var properties = request["properties"]?.DeepClone() as JsonObject ?? new JsonObject();
        properties["fqdn"] = (name == "@" ? "" : name + ".") + ArmPath.Parse(ctx.Path.Owner).Name + ".";
        properties["isAutoRegistered"] = false;
        var body = new JsonObject { ["id"] = id, ["name"] = name, ["type"] = ResourceType, ["properties"] = properties };
        var (outcome, stored) = ctx.Store.Put(id, body, ctx.IfMatch, ctx.IfNoneMatch);
        return outcome == StoreOutcome.PreconditionFailed ? ctx.PreconditionFailed() : Respond(outcome == StoreOutcome.Created ? 201 : 200, stored!);
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx) => Task.FromResult<IResult?>(recordType is "SOA" or "ALL"
        ? ctx.Error(400, "BadRequest", $"A {recordType} record set cannot be deleted.")
        : PrivateDns.Delete(ctx));
}

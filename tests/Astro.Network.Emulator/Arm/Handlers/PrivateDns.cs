using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>What the private DNS handlers share (privatedns.json 2020-06-01): the global location rule, record sets of a zone.</summary>
internal static class PrivateDns
{
    public const string LinkType = "Microsoft.Network/privateDnsZones/virtualNetworkLinks";
    public static readonly string[] RecordTypes = ["A", "AAAA", "CNAME", "MX", "PTR", "SOA", "SRV", "TXT"];

    /// <summary>Zones and links are global resources; any casing of "global" is accepted (example PrivateZonePut.json).</summary>
    public static EmulatorResult? LocationError(ArmRequestContext ctx, JsonObject request) =>
        string.Equals(JsonText.Of(request["location"]), "global", StringComparison.OrdinalIgnoreCase)
            ? null
            : ctx.Error(400, "LocationNotAvailableForResourceType",
                $"The provided location '{JsonText.Of(request["location"])}' is not available for resource type '{ctx.Path.ResourceType}'. List of available regions for the resource type is 'global'.");

    /// <summary>Synchronous DELETE: 200, 204 when absent, 412 on an If-Match that does not match.</summary>
    public static EmulatorResult Delete(ArmRequestContext ctx) => ctx.Store.Delete(ctx.ResourceId, ctx.IfMatch) switch
    {
        StoreOutcome.Deleted => EmulatorResult.Empty(200),
        StoreOutcome.PreconditionFailed => ctx.PreconditionFailed(),
        _ => EmulatorResult.Empty(204),
    };

    public static List<StoredResource> RecordSets(ArmResourceStore store, string zoneId) =>
        RecordTypes.SelectMany(t => store.List(zoneId, "Microsoft.Network/privateDnsZones/" + t)).ToList();

    /// <summary>The SOA record set "@" a new zone has (RecordSets_List of a fresh zone shows it).</summary>
    public static void PutSoa(ArmResourceStore store, string zoneId, string zoneName)
    {
        var id = zoneId + "/SOA/@";
        store.Put(id, new JsonObject
        {
            ["id"] = id,
            ["name"] = "@",
            ["type"] = "Microsoft.Network/privateDnsZones/SOA",
            ["properties"] = new JsonObject
            {
                ["ttl"] = 3600,
                ["fqdn"] = zoneName + ".",
                ["isAutoRegistered"] = false,
                ["soaRecord"] = new JsonObject
                {
                    ["host"] = "azureprivatedns.net", ["email"] = "azureprivatedns-host.microsoft.com", ["serialNumber"] = 1,
                    ["refreshTime"] = 3600, ["retryTime"] = 300, ["expireTime"] = 2419200, ["minimumTtl"] = 10,
                },
            },
        });
    }
}

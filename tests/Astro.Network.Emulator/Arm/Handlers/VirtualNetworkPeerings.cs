using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// VNet peerings, stored inside their VNet's body (properties.virtualNetworkPeerings: the one source of truth for the
/// VNet GET and the child resource), and the link state machine between the two sides:
/// one side only → Initiated; both sides → Connected (FullyInSync); other side removed → Disconnected.
/// A side may carry a hidden read countdown (Astronomer's side, created by the control API): the link connects once the
/// other side has been read that many times.
/// </summary>
public static class VirtualNetworkPeerings
{
    public const string Type = "Microsoft.Network/virtualNetworks/virtualNetworkPeerings";
    public const string Initiated = "Initiated";
    public const string Connected = "Connected";
    public const string Disconnected = "Disconnected";

    /// <summary>Hidden field on a remote side: reads of the other side left before the link connects. Never presented.</summary>
    public const string PendingReads = "emulatorReadsBeforeConnected";

    public static JsonArray Of(JsonObject vnet)
    {
        var properties = vnet["properties"] as JsonObject ?? new JsonObject();
        vnet["properties"] = properties;
        if (properties["virtualNetworkPeerings"] is not JsonArray peerings)
        {
            peerings = [];
            properties["virtualNetworkPeerings"] = peerings;
        }
        return peerings;
    }

    public static JsonObject? Find(JsonObject vnet, string name) =>
        Of(vnet).OfType<JsonObject>().FirstOrDefault(p => Same((string?)p["name"], name));

    /// <summary>Peerings of <paramref name="vnet"/> whose remote VNet is <paramref name="remoteId"/>.</summary>
    public static IEnumerable<JsonObject> Toward(JsonObject vnet, string remoteId) =>
        Of(vnet).OfType<JsonObject>().Where(p => Same(RemoteId(p), remoteId));

    public static string? RemoteId(JsonObject peering) => (string?)peering["properties"]?["remoteVirtualNetwork"]?["id"];

    public static string? State(JsonObject peering) => (string?)peering["properties"]?["peeringState"];

    /// <summary>properties.addressSpace.addressPrefixes of a VNet body.</summary>
    public static List<string> AddressSpace(JsonObject? vnet) => Prefixes(vnet?["properties"]?["addressSpace"]);

    public static List<string> Prefixes(JsonNode? addressSpace) =>
        (addressSpace?["addressPrefixes"] as JsonArray)?.Select(p => (string?)p).OfType<string>().ToList() ?? [];

    public static JsonObject Space(IEnumerable<string> prefixes) =>
        new() { ["addressPrefixes"] = new JsonArray(prefixes.Select(p => (JsonNode)p).ToArray()) };

    public static string NewETag() => $"W/\"{Guid.NewGuid()}\"";

    /// <summary>The peerings of a stored VNet as the API returns them; <paramref name="store"/> (when given) supplies the remote side.</summary>
    public static JsonArray PresentAll(ArmResourceStore? store, string vnetId, JsonObject vnet) =>
        new(Of(vnet).OfType<JsonObject>().Select(p => (JsonNode)Present(store, vnetId, vnet, p)).ToArray());

    /// <summary>One peering as the API returns it: id/type/etag, spec defaults, current address spaces and the sync level.</summary>
    public static JsonObject Present(ArmResourceStore? store, string vnetId, JsonObject vnet, JsonObject stored)
    {
        var peering = (JsonObject)stored.DeepClone();
        peering.Remove(PendingReads);
        var name = (string?)peering["name"];
        peering["id"] = $"{vnetId}/virtualNetworkPeerings/{name}";
        peering["type"] = Type;
        peering["etag"] ??= ContentETag(vnetId, stored);
        var p = peering["properties"] as JsonObject ?? new JsonObject();
        peering["properties"] = p;
        p["allowVirtualNetworkAccess"] ??= true;
        p["allowForwardedTraffic"] ??= false;
        p["allowGatewayTransit"] ??= false;
        p["useRemoteGateways"] ??= false;
        p["doNotVerifyRemoteGateways"] ??= false;
        p["peerCompleteVnets"] ??= true;
        p["enableOnlyIPv6Peering"] ??= false;
        p["peeringState"] ??= Initiated;
        p["peeringSyncLevel"] ??= "RemoteNotInSync";
        p["provisioningState"] ??= "Succeeded";
        p["resourceGuid"] ??= new Guid(Hash(vnetId + "/" + name).AsSpan(0, 16)).ToString();
        p["remoteAddressSpace"] ??= Space([]);
        p["localAddressSpace"] ??= Space(AddressSpace(vnet));
        p["localVirtualNetworkAddressSpace"] = Space(AddressSpace(vnet));
        var remote = RemoteId(stored) is { } remoteId ? store?.Get(remoteId) : null;
        p["remoteVirtualNetworkAddressSpace"] = remote is null ? p["remoteAddressSpace"]!.DeepClone() : Space(AddressSpace(remote.Body));
        if (remote is not null && State(stored) == Connected && Toward(remote.Body, vnetId).FirstOrDefault() is { } back)
        {
            // Both sides visible: each side's snapshot of the other against the VNets' current address spaces.
            var remoteStale = !SameSet(Prefixes(p["remoteAddressSpace"]), AddressSpace(remote.Body));
            var localStale = !SameSet(Prefixes(back["properties"]?["remoteAddressSpace"]), AddressSpace(vnet));
            p["peeringSyncLevel"] = (localStale, remoteStale) switch
            {
                (true, true) => "LocalAndRemoteNotInSync",
                (true, false) => "LocalNotInSync",
                (false, true) => "RemoteNotInSync",
                _ => "FullyInSync",
            };
        }
        return peering;
    }

    /// <summary>Marks a peering Connected and in sync (a new etag: the resource changed).</summary>
    public static void Connect(JsonObject peering)
    {
        var p = (JsonObject)peering["properties"]!;
        p["peeringState"] = Connected;
        p["peeringSyncLevel"] = "FullyInSync";
        peering.Remove(PendingReads);
        peering["etag"] = NewETag();
    }

    /// <summary>
    /// After <paramref name="vnetId"/>'s peering <paramref name="name"/> was created: when the remote VNet already has a
    /// side toward it that is waiting for this one (Initiated, no countdown), both sides become Connected.
    /// </summary>
    public static void LinkNew(ArmResourceStore store, string vnetId, string name, string remoteId)
    {
        var linked = false;
        if (store.Get(remoteId) is { } remote && Toward(remote.Body, vnetId).Any(Waiting))
        {
            store.Update(remoteId, body =>
            {
                foreach (var back in Toward(body, vnetId).Where(Waiting))
                {
                    Connect(back);
                    linked = true;
                }
            });
        }
        if (linked)
        {
            store.Update(vnetId, body =>
            {
                if (Find(body, name) is { } peering)
                {
                    Connect(peering);
                }
            });
        }
    }

    /// <summary>
    /// A read of <paramref name="vnetId"/> (VNet GET/list or peering GET/list): counts down the remote sides that wait for
    /// reads and connects the link when one reaches zero. Writes only when a countdown exists.
    /// </summary>
    public static void OnRead(ArmResourceStore store, string vnetId)
    {
        if (store.Get(vnetId) is not { } vnet)
        {
            return;
        }
        foreach (var local in Of(vnet.Body).OfType<JsonObject>().Where(p => State(p) == Initiated).ToList())
        {
            var remoteId = RemoteId(local);
            if (remoteId is null || store.Get(remoteId) is not { } remote || !Toward(remote.Body, vnetId).Any(p => p[PendingReads] is not null))
            {
                continue;
            }
            var connected = false;
            store.Update(remoteId, body =>
            {
                foreach (var back in Toward(body, vnetId).Where(p => p[PendingReads] is not null))
                {
                    var left = (int)back[PendingReads]! - 1;
                    back[PendingReads] = left;
                    if (left <= 0)
                    {
                        Connect(back);
                        connected = true;
                    }
                }
            });
            if (connected)
            {
                var name = (string)local["name"]!;
                store.Update(vnetId, body =>
                {
                    if (Find(body, name) is { } peering && State(peering) == Initiated)
                    {
                        Connect(peering);
                    }
                });
            }
        }
    }

    /// <summary>The sides on <paramref name="vnetId"/> toward <paramref name="removedRemoteId"/> lost their other side: Connected → Disconnected.</summary>
    public static void OtherSideRemoved(ArmResourceStore store, string vnetId, string removedRemoteId)
    {
        if (store.Get(vnetId) is not { } vnet || !Toward(vnet.Body, removedRemoteId).Any(p => State(p) == Connected))
        {
            return;
        }
        store.Update(vnetId, body =>
        {
            foreach (var peering in Toward(body, removedRemoteId).Where(p => State(p) == Connected))
            {
                var p = (JsonObject)peering["properties"]!;
                p["peeringState"] = Disconnected;
                peering["etag"] = NewETag();
            }
        });
    }

    /// <summary>
    /// Azure's address-space rules for a new or updated peering: the two VNets must not overlap (VnetAddressSpacesOverlap),
    /// nor may the remote space overlap a space already peered with the local VNet (VnetAddressSpaceOverlapsWithAlreadyPeeredVnet).
    /// Null when the peering is allowed.
    /// </summary>
    public static (string Code, string Message)? CheckOverlap(string vnetId, JsonObject vnet, string name, string remoteId, IReadOnlyList<string> remotePrefixes)
    {
        var peeringId = $"{vnetId}/virtualNetworkPeerings/{name}";
        if (FirstOverlap(AddressSpace(vnet), remotePrefixes) is var (local, remote))
        {
            return ("VnetAddressSpacesOverlap",
                $"Cannot create or update peering {peeringId}. Virtual networks {vnetId} and {remoteId} cannot be peered because their address spaces overlap. Overlapping address prefixes: {local} (local) and {remote} (remote).");
        }
        foreach (var other in Of(vnet).OfType<JsonObject>().Where(p => !Same((string?)p["name"], name) && !Same(RemoteId(p), remoteId)))
        {
            if (FirstOverlap(Prefixes(other["properties"]?["remoteAddressSpace"]), remotePrefixes) is var (peered, requested))
            {
                return ("VnetAddressSpaceOverlapsWithAlreadyPeeredVnet",
                    $"Cannot create or update peering {peeringId}. Virtual networks {remoteId} and {vnetId} cannot be peered because address space of the first virtual network overlaps with address space of virtual network {RemoteId(other)} already peered with the second virtual network. Overlapping address prefixes: {requested} and {peered}.");
            }
        }
        return null;
    }

    /// <summary>The first pair of overlapping IPv4 prefixes (IPv6 prefixes are not compared).</summary>
    public static (string A, string B)? FirstOverlap(IEnumerable<string> a, IEnumerable<string> b)
    {
        foreach (var left in a)
        {
            foreach (var right in b)
            {
                if (Ipv4Block.Parse(left) is { } x && Ipv4Block.Parse(right) is { } y && x.First <= y.Last && y.First <= x.Last)
                {
                    return (left, right);
                }
            }
        }
        return null;
    }

    private static bool Waiting(JsonObject peering) => State(peering) == Initiated && peering[PendingReads] is null;

    private static bool SameSet(List<string> a, List<string> b) =>
        a.Count == b.Count && a.All(x => b.Any(y => Same(x, y)));

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // Seeded peerings carry no etag: derive a stable one from their content so If-Match works on them too.
    private static string ContentETag(string vnetId, JsonObject peering) =>
        $"W/\"{new Guid(Hash(vnetId.ToLowerInvariant() + peering.ToJsonString()).AsSpan(0, 16))}\"";

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/virtualNetworks/virtualNetworkPeerings (virtualNetwork.json, 2024-01-01), kept inside the VNet's body.
/// GET/list count as reads for peerings waiting on Astronomer (see <see cref="VirtualNetworkPeerings.OnRead"/>).
/// PUT is an LRO (201/200 + Azure-AsyncOperation, final-state-via azure-async-operation) honouring If-Match and
/// ?syncRemoteAddressSpace=true; DELETE an LRO (202 + Location, final-state-via location), 204 when absent.
/// </summary>
public sealed class VirtualNetworkPeeringHandler : ArmResourceHandler
{
    public override string ResourceType => VirtualNetworkPeerings.Type;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01", "2022-01-01"]; // 2022-01-01: the Azure CLI 2.45

    protected override IResult? GetAsync(ArmRequestContext ctx)
    {
        VirtualNetworkPeerings.OnRead(ctx.Store, ctx.Path.Owner);
        var vnet = ctx.Store.Get(ctx.Path.Owner)!;
        return VirtualNetworkPeerings.Find(vnet.Body, ctx.Path.Name!) is { } peering
            ? Respond(VirtualNetworkPeerings.Present(ctx.Store, vnet.Id, vnet.Body, peering), 200)
            : NetworkNotFound(ctx);
    }

    protected override IResult? ListAsync(ArmRequestContext ctx)
    {
        VirtualNetworkPeerings.OnRead(ctx.Store, ctx.Path.Owner);
        var vnet = ctx.Store.Get(ctx.Path.Owner)!;
        return ctx.Page(VirtualNetworkPeerings.PresentAll(ctx.Store, vnet.Id, vnet.Body).Select(p => p!.DeepClone()));
    }

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var body = await ctx.ReadJsonAsync() ?? new JsonObject();
        var vnetId = ctx.Path.Owner;
        var name = ctx.Path.Name!;
        var requested = body["properties"] as JsonObject ?? new JsonObject();
        if ((string?)requested["remoteVirtualNetwork"]?["id"] is not { Length: > 0 } remoteId
            || ArmPath.TypeOf(remoteId) is not { } remoteType
            || !remoteType.Equals("Microsoft.Network/virtualNetworks", StringComparison.OrdinalIgnoreCase))
        {
            return ctx.Error(400, "InvalidRequestFormat",
                "Cannot parse the request. properties.remoteVirtualNetwork.id must be the resource ID of a virtual network.");
        }
        if (requested["useRemoteGateways"] is JsonValue useGateways && useGateways.TryGetValue<bool>(out var use) && use)
        {
            // The emulator has no virtual network gateways, so no remote VNet can offer one.
            return ctx.Error(400, "RemoteVnetHasNoGateways",
                $"Cannot create or update peering {ctx.ResourceId} because remote virtual network {remoteId} referenced by the peering does not have any gateways.");
        }
        var sync = string.Equals(ctx.Http.Request.Query["syncRemoteAddressSpace"], "true", StringComparison.OrdinalIgnoreCase);
        var remote = ctx.Store.Get(remoteId);
        // A remote VNet outside the emulator (another tenant) is known only by what the request says about it.
        var remotePrefixes = remote is not null
            ? VirtualNetworkPeerings.AddressSpace(remote.Body)
            : VirtualNetworkPeerings.Prefixes(requested["remoteAddressSpace"] ?? requested["remoteVirtualNetworkAddressSpace"]);
        var created = false;
        var (_, vnet) = ctx.Store.Update(vnetId, v =>
        {
            var existing = VirtualNetworkPeerings.Find(v, name);
            CheckIfMatch(ctx, v, existing);
            if (existing is not null && !string.Equals(VirtualNetworkPeerings.RemoteId(existing), remoteId, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArmRequestException(ctx.Error(400, "CannotChangeRemoteVirtualNetworkOfPeering",
                    $"Cannot change the remote virtual network of peering {ctx.ResourceId}; delete the peering and create a new one."));
            }
            if (VirtualNetworkPeerings.CheckOverlap(vnetId, v, name, remoteId, remotePrefixes) is var (code, message))
            {
                throw new ArmRequestException(ctx.Error(400, code, message));
            }
            created = existing is null;
            var peerings = VirtualNetworkPeerings.Of(v);
            if (existing is not null)
            {
                peerings.Remove(existing);
            }
            peerings.Add(Stored(name, requested, existing, remoteId, remotePrefixes, VirtualNetworkPeerings.AddressSpace(v), sync));
        });
        if (created)
        {
            VirtualNetworkPeerings.LinkNew(ctx.Store, vnetId, name, remoteId);
            vnet = ctx.Store.Get(vnetId);
        }
        var presented = VirtualNetworkPeerings.Present(ctx.Store, vnetId, vnet!.Body, VirtualNetworkPeerings.Find(vnet.Body, name)!);
        return ctx.LongRunning(created ? 201 : 200, presented,
            complete: () => ctx.Store.Update(vnetId, v =>
            {
                if (VirtualNetworkPeerings.Find(v, name) is { } peering && peering["properties"] is JsonObject p && (string?)p["provisioningState"] == "Updating")
                {
                    p["provisioningState"] = "Succeeded";
                    peering["etag"] = VirtualNetworkPeerings.NewETag();
                }
            }),
            location: (string?)vnet.Body["location"])
            .WithHeader("ETag", (string)presented["etag"]!);
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        var vnetId = ctx.Path.Owner;
        var name = ctx.Path.Name!;
        string? remoteId = null;
        var (_, vnet) = ctx.Store.Update(vnetId, v =>
        {
            var existing = VirtualNetworkPeerings.Find(v, name);
            CheckIfMatch(ctx, v, existing);
            if (existing is not null)
            {
                remoteId = VirtualNetworkPeerings.RemoteId(existing);
                ((JsonObject)existing["properties"]!)["provisioningState"] = "Deleting";
            }
        });
        if (remoteId is null)
        {
            return Task.FromResult<IResult?>(EmulatorResult.Empty(204));
        }
        return Task.FromResult<IResult?>(ctx.LongRunning(202, null,
            complete: () =>
            {
                ctx.Store.Update(vnetId, v =>
                {
                    if (VirtualNetworkPeerings.Find(v, name) is { } peering)
                    {
                        VirtualNetworkPeerings.Of(v).Remove(peering);
                    }
                });
                VirtualNetworkPeerings.OtherSideRemoved(ctx.Store, remoteId, vnetId);
            },
            locationHeader: true,
            location: (string?)vnet!.Body["location"]));
    }

    /// <summary>The stored form: the writable flags from the request, the rest kept from the existing peering or set as Azure does.</summary>
    private static JsonObject Stored(string name, JsonObject requested, JsonObject? existing, string remoteId,
        List<string> remotePrefixes, List<string> localPrefixes, bool sync)
    {
        var before = existing?["properties"] as JsonObject ?? new JsonObject();
        var properties = new JsonObject();
        foreach (var flag in new[] { "allowVirtualNetworkAccess", "allowForwardedTraffic", "allowGatewayTransit", "useRemoteGateways",
                     "doNotVerifyRemoteGateways", "peerCompleteVnets", "enableOnlyIPv6Peering" })
        {
            if ((requested[flag] ?? before[flag]) is JsonValue value && value.TryGetValue<bool>(out var on))
            {
                properties[flag] = on;
            }
        }
        properties["remoteVirtualNetwork"] = new JsonObject { ["id"] = remoteId };
        var refresh = existing is null || sync;
        properties["remoteAddressSpace"] = refresh ? VirtualNetworkPeerings.Space(remotePrefixes) : before["remoteAddressSpace"]?.DeepClone();
        properties["localAddressSpace"] = refresh ? VirtualNetworkPeerings.Space(localPrefixes) : before["localAddressSpace"]?.DeepClone();
        properties["peeringState"] = (string?)before["peeringState"] ?? VirtualNetworkPeerings.Initiated;
        properties["peeringSyncLevel"] = (string?)before["peeringSyncLevel"] ?? "RemoteNotInSync";
        properties["provisioningState"] = "Updating";
        properties["resourceGuid"] = (string?)before["resourceGuid"] ?? Guid.NewGuid().ToString();
        return new JsonObject { ["name"] = name, ["etag"] = VirtualNetworkPeerings.NewETag(), ["properties"] = properties };
    }

    /// <summary>If-Match compares with the peering's etag; any value on a missing peering fails, as in ARM.</summary>
    private static void CheckIfMatch(ArmRequestContext ctx, JsonObject vnet, JsonObject? existing)
    {
        if (ctx.IfMatch is not { } ifMatch)
        {
            return;
        }
        var current = existing is null ? null : (string?)VirtualNetworkPeerings.Present(null, ctx.Path.Owner, vnet, existing)["etag"];
        if (current is null || (ifMatch != "*" && ifMatch != current))
        {
            throw new ArmRequestException(ctx.PreconditionFailed());
        }
    }

    private static EmulatorResult Respond(JsonObject peering, int status) =>
        EmulatorResult.Json(status, peering).WithHeader("ETag", (string)peering["etag"]!);

    /// <summary>Network answers a missing child resource with its own 404 shape (not ARM's ResourceNotFound).</summary>
    private static EmulatorResult NetworkNotFound(ArmRequestContext ctx) =>
        EmulatorResult.Json(404, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = "NotFound", ["message"] = $"Resource {ctx.ResourceId} not found.", ["details"] = new JsonArray() },
        });
}

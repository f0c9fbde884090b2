using System.Text.Json.Nodes;
using Astro.Network.Emulator.Arm;
using Astro.Network.Emulator.Arm.Handlers;
using Astro.Network.Emulator.Arm.Rbac;
using Astro.Network.Emulator.Astro;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Control;

/// <summary>
/// Astronomer support's side of a VNet peering (control API): with the customer's grants to Astronomer's service principal,
/// it peers the cluster's VNet (kept in the store under Astronomer's subscription, which no scenario caller can reach) with
/// the customer's VNet, both sides. The link connects after Settings.PeeringPollsBeforeConnected reads of the customer side.
/// </summary>
internal static class AstroPeeringControl
{
    public const string AstronomerAppId = "a67e6057-7138-4f78-bbaf-fd9db7b8aab0";
    public const string AstronomerSubscriptionId = "00000000-0000-4000-8000-00000000a570";

    /// <summary>What Astronomer's principal needs on the customer VNet to create the customer-side peering.</summary>
    public static readonly IReadOnlyList<string> RequiredActions =
    [
        "Microsoft.Network/virtualNetworks/read",
        "Microsoft.Network/virtualNetworks/peer/action",
        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings/write",
    ];

    public static string AstroVnetId(string clusterId) =>
        $"/subscriptions/{AstronomerSubscriptionId}/resourceGroups/astro-{clusterId}/providers/Microsoft.Network/virtualNetworks/astro-{clusterId}-vnet";

    /// <summary>POST astro/clusters/{clusterId}/peerings {"virtualNetworkId","name"}: 201 with the customer-side peering.</summary>
    public static EmulatorResult Create(EmulatorState state, string clusterId, string? virtualNetworkId, string? name)
    {
        if (PeerableCluster(state, clusterId, out var cluster) is { } clusterProblem)
        {
            return clusterProblem;
        }
        if (CustomerVnet(state, virtualNetworkId, out var vnet) is { } vnetProblem)
        {
            return vnetProblem;
        }
        var vnetId = vnet!.Id;
        if (Permission(state, vnetId) is { } denied)
        {
            return denied;
        }
        var range = AstroDefaults.Text(cluster!, "vpcSubnetRange") ?? "";
        var astroVnetId = AstroVnetId(clusterId);
        name ??= $"astro-{clusterId}";
        if (VirtualNetworkPeerings.Find(vnet.Body, name) is { } existing)
        {
            return string.Equals(VirtualNetworkPeerings.RemoteId(existing), astroVnetId, StringComparison.OrdinalIgnoreCase)
                ? EmulatorResult.Json(200, VirtualNetworkPeerings.Present(state.Resources, vnetId, vnet.Body, existing))
                : ControlEndpoints.Problem(409, $"The virtual network already has a peering named '{name}' to another network.");
        }
        if (VirtualNetworkPeerings.CheckOverlap(vnetId, vnet.Body, name, astroVnetId, [range]) is var (code, message))
        {
            return ControlEndpoints.Problem(400, $"{code}: {message}");
        }
        EnsureAstroSide(state, clusterId, cluster!, range, vnetId, VirtualNetworkPeerings.AddressSpace(vnet.Body));
        state.Resources.Update(vnetId, body => VirtualNetworkPeerings.Of(body).Add(Side(name, astroVnetId, [range], VirtualNetworkPeerings.AddressSpace(body))));
        VirtualNetworkPeerings.LinkNew(state.Resources, vnetId, name, astroVnetId);
        var stored = state.Resources.Get(vnetId)!;
        return EmulatorResult.Json(201, VirtualNetworkPeerings.Present(state.Resources, vnetId, stored.Body, VirtualNetworkPeerings.Find(stored.Body, name)!));
    }

    /// <summary>DELETE astro/clusters/{clusterId}/peerings?virtualNetworkId=: Astronomer removes its side; the customer's becomes Disconnected.</summary>
    public static EmulatorResult Remove(EmulatorState state, string clusterId, string? virtualNetworkId)
    {
        if (string.IsNullOrEmpty(virtualNetworkId))
        {
            return ControlEndpoints.Problem(400, "The virtualNetworkId query parameter is required.");
        }
        var astroVnetId = AstroVnetId(clusterId);
        if (state.Resources.Get(astroVnetId) is not { } astro || !VirtualNetworkPeerings.Toward(astro.Body, virtualNetworkId).Any())
        {
            return ControlEndpoints.Problem(404, $"Cluster '{clusterId}' has no peering with '{virtualNetworkId}'.");
        }
        state.Resources.Update(astroVnetId, body =>
        {
            foreach (var side in VirtualNetworkPeerings.Toward(body, virtualNetworkId).ToList())
            {
                VirtualNetworkPeerings.Of(body).Remove(side);
            }
        });
        VirtualNetworkPeerings.OtherSideRemoved(state.Resources, virtualNetworkId, astroVnetId);
        return EmulatorResult.Json(200, new JsonObject { ["ok"] = true });
    }

    private static EmulatorResult? PeerableCluster(EmulatorState state, string clusterId, out JsonObject? cluster)
    {
        lock (state.Sync)
        {
            var standard = state.Organizations.SelectMany(o => o.StandardClusters).FirstOrDefault(c => AstroDefaults.Text(c, "id") == clusterId);
            cluster = state.Organizations.SelectMany(o => o.Clusters).FirstOrDefault(c => AstroDefaults.Text(c, "id") == clusterId);
            if (standard is not null)
            {
                return ControlEndpoints.Problem(400, $"Cluster '{clusterId}' is a standard (shared) cluster; standard clusters cannot peer.");
            }
            if (cluster is null)
            {
                return ControlEndpoints.Problem(404, $"No Astro cluster '{clusterId}'.");
            }
            var type = AstroDefaults.Text(cluster, "type");
            var provider = AstroDefaults.Text(cluster, "cloudProvider");
            if (type is not ("DEDICATED" or "HYBRID") || provider != "AZURE")
            {
                return ControlEndpoints.Problem(400, $"Cluster '{clusterId}' is {type} on {provider}; only DEDICATED or HYBRID clusters on AZURE peer with Azure VNets.");
            }
            if (Ipv4Block.Parse(AstroDefaults.Text(cluster, "vpcSubnetRange")) is not { HasPrefix: true })
            {
                return ControlEndpoints.Problem(400, $"Cluster '{clusterId}' has no vpcSubnetRange CIDR.");
            }
            return null;
        }
    }

    private static EmulatorResult? CustomerVnet(EmulatorState state, string? virtualNetworkId, out StoredResource? vnet)
    {
        vnet = null;
        if (virtualNetworkId is null || !string.Equals(ArmPath.TypeOf(virtualNetworkId), "Microsoft.Network/virtualNetworks", StringComparison.OrdinalIgnoreCase))
        {
            return ControlEndpoints.Problem(400, "virtualNetworkId must be the resource ID of a virtual network.");
        }
        vnet = state.Resources.Get(virtualNetworkId);
        return vnet is null ? ControlEndpoints.Problem(404, $"No virtual network '{virtualNetworkId}'.") : null;
    }

    /// <summary>403 unless Astronomer's service principal exists in the VNet's tenant and holds every required action on the VNet.</summary>
    private static EmulatorResult? Permission(EmulatorState state, string vnetId)
    {
        var tenantId = state.FindSubscription(ArmPath.Parse(vnetId).SubscriptionId ?? "")?.TenantId ?? "";
        var principal = state.ServicePrincipalsIn(tenantId).FirstOrDefault(sp => sp.AppId.Equals(AstronomerAppId, StringComparison.OrdinalIgnoreCase));
        if (principal is null)
        {
            return ControlEndpoints.Problem(403,
                $"Astronomer's service principal (appId {AstronomerAppId}) does not exist in tenant {tenantId}: run az ad sp create --id {AstronomerAppId}.");
        }
        var missing = RequiredActions.Where(a => !RbacEvaluator.IsAllowed(state, principal.ObjectId, a, vnetId)).ToList();
        return missing.Count == 0 ? null : ControlEndpoints.Problem(403,
            $"Astronomer's service principal {principal.ObjectId} lacks permission {string.Join(", ", missing)} on {vnetId}.");
    }

    /// <summary>Astronomer's VNet and its side toward the customer, waiting for the configured reads before the link connects.</summary>
    private static void EnsureAstroSide(EmulatorState state, string clusterId, JsonObject cluster, string range, string vnetId, List<string> customerSpace)
    {
        var astroVnetId = AstroVnetId(clusterId);
        if (state.Resources.Get(astroVnetId) is null)
        {
            var path = ArmPath.Parse(astroVnetId);
            state.Resources.Put(astroVnetId, new JsonObject
            {
                ["id"] = astroVnetId, ["name"] = path.Name, ["type"] = path.ResourceType,
                ["location"] = AstroDefaults.Text(cluster, "region"),
                ["properties"] = new JsonObject
                {
                    ["addressSpace"] = VirtualNetworkPeerings.Space([range]),
                    ["provisioningState"] = "Succeeded",
                    ["virtualNetworkPeerings"] = new JsonArray(),
                },
            });
        }
        var customer = ArmPath.Parse(vnetId);
        var side = Side($"{customer.SubscriptionId}-{customer.ResourceGroup}-{customer.Name}", vnetId, customerSpace, [range]);
        if (state.Settings.PeeringPollsBeforeConnected > 0)
        {
            side[VirtualNetworkPeerings.PendingReads] = state.Settings.PeeringPollsBeforeConnected;
        }
        state.Resources.Update(astroVnetId, body =>
        {
            foreach (var old in VirtualNetworkPeerings.Toward(body, vnetId).ToList())
            {
                VirtualNetworkPeerings.Of(body).Remove(old);
            }
            VirtualNetworkPeerings.Of(body).Add(side);
        });
    }

    /// <summary>A new side, Initiated until the other side exists (Astronomer creates full-VNet peerings with access on).</summary>
    private static JsonObject Side(string name, string remoteId, IEnumerable<string> remoteSpace, IEnumerable<string> localSpace) => new()
    {
        ["name"] = name,
        ["etag"] = VirtualNetworkPeerings.NewETag(),
        ["properties"] = new JsonObject
        {
            ["allowVirtualNetworkAccess"] = true,
            ["allowForwardedTraffic"] = false,
            ["allowGatewayTransit"] = false,
            ["useRemoteGateways"] = false,
            ["remoteVirtualNetwork"] = new JsonObject { ["id"] = remoteId },
            ["remoteAddressSpace"] = VirtualNetworkPeerings.Space(remoteSpace),
            ["localAddressSpace"] = VirtualNetworkPeerings.Space(localSpace),
            ["peeringState"] = VirtualNetworkPeerings.Initiated,
            ["peeringSyncLevel"] = "RemoteNotInSync",
            ["provisioningState"] = "Succeeded",
            ["resourceGuid"] = Guid.NewGuid().ToString(),
        },
    };
}

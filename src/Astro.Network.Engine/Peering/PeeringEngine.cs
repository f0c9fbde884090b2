using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Peering;

namespace Astro.Network.Engine
{
    public enum PeeringScope
    {
        VirtualNetwork,
        ResourceGroup,
        Subscription,
    }

    public enum PeeringRoleMode
    {
        /// <summary>The built-in Network Contributor role (the original instructions).</summary>
        NetworkContributor,
        /// <summary>The least-privilege custom role "Astro VNET Peering Contributor" at the subscription.</summary>
        Custom,
    }

    public sealed class PeeringGrantRequest
    {
        public string VirtualNetworkId { get; set; } = "";
        /// <summary>When set, the cluster must be able to peer with the VNet (type, cloud, no address overlap).</summary>
        public string? ClusterId { get; set; }
        /// <summary>Empty = all three for NetworkContributor, Subscription for Custom.</summary>
        public IReadOnlyList<PeeringScope> Scopes { get; set; } = Array.Empty<PeeringScope>();
        public PeeringRoleMode RoleMode { get; set; } = PeeringRoleMode.NetworkContributor;
        /// <summary>Scopes to plan only (-WhatIf, or declined by ShouldProcess).</summary>
        public ICollection<PeeringScope> PlanOnly { get; set; } = new HashSet<PeeringScope>();
    }

    public sealed class PeeringRevokeRequest
    {
        public string VirtualNetworkId { get; set; } = "";
        /// <summary>Empty = all three scopes.</summary>
        public IReadOnlyList<PeeringScope> Scopes { get; set; } = Array.Empty<PeeringScope>();
        /// <summary>Null = both roles the module grants.</summary>
        public PeeringRoleMode? RoleMode { get; set; }
        /// <summary>Also delete Astronomer's peering-role assignments that Astro.Network did not create (pre-existing, by hand, by az).</summary>
        public bool IncludeExisting { get; set; }
        public ICollection<PeeringScope> PlanOnly { get; set; } = new HashSet<PeeringScope>();
    }

    public sealed class PeeringWaitRequest
    {
        public string VirtualNetworkId { get; set; } = "";
        public string ClusterId { get; set; } = "";
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(30);
        public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
    }

    /// <summary>
    /// The VNet peering cmdlets' entry point: the customer side of peering a VNet with a dedicated Astro cluster
    /// (read the target, check readiness, grant and revoke Astronomer's temporary roles, the support request, wait).
    /// </summary>
    public static class PeeringEngine
    {
        public const string AstronomerAppId = "a67e6057-7138-4f78-bbaf-fd9db7b8aab0";
        public const string NetworkContributorRoleId = "4d97b98b-1d4f-4787-a291-c67834d212e7";
        public const string CustomRoleName = "Astro VNET Peering Contributor";

        /// <summary>Syntax and type check, canonical casing of the known segments; throws InvalidResourceId / WrongResourceType.</summary>
        public static string NormalizeVirtualNetworkId(string virtualNetworkId) => VirtualNetworkIds.Parse(virtualNetworkId).Id;

        /// <summary>The scope IDs, in the given order (pure; for ShouldProcess messages).</summary>
        public static IReadOnlyList<KeyValuePair<PeeringScope, string>> ScopeIds(string virtualNetworkId, IReadOnlyList<PeeringScope> scopes) =>
            VirtualNetworkIds.Parse(virtualNetworkId).ScopeIds(scopes);

        public static async Task<PeeringTarget> GetTargetAsync(string virtualNetworkId, IOperationLog log, CancellationToken ct) =>
            await new PeeringTargets(await ConnectAsync(log, ct).ConfigureAwait(false)).GetTargetAsync(virtualNetworkId, ct).ConfigureAwait(false);

        /// <summary><paramref name="subscriptionId"/> null = the connected subscription.</summary>
        public static async Task<PeeringTarget> FindTargetAsync(string? subscriptionId, string resourceGroupName, string virtualNetworkName, IOperationLog log, CancellationToken ct) =>
            await new PeeringTargets(await ConnectAsync(log, ct).ConfigureAwait(false)).FindTargetAsync(subscriptionId, resourceGroupName, virtualNetworkName, ct).ConfigureAwait(false);

        /// <summary>DEDICATED/HYBRID on AZURE only; throws StandardClusterCannotPeer / ClusterNotOnAzure / AstroClusterNotFound.</summary>
        public static Task<AstroCluster> GetPeeringClusterAsync(string clusterId, IOperationLog log, CancellationToken ct) =>
            new PeeringClusters(new AstroService(log), log).GetAsync(clusterId, ct);

        public static async Task<IReadOnlyList<PeeringReadinessCheck>> TestReadinessAsync(string clusterId, string virtualNetworkId, IOperationLog log, CancellationToken ct) =>
            await new PeeringReadiness(await ConnectAsync(log, ct).ConfigureAwait(false)).TestAsync(clusterId, virtualNetworkId, ct).ConfigureAwait(false);

        public static async Task<IReadOnlyList<PeeringGrant>> GrantAsync(PeeringGrantRequest request, IOperationLog log, CancellationToken ct) =>
            await new PeeringRoles(await ConnectAsync(log, ct).ConfigureAwait(false)).GrantAsync(request, ct).ConfigureAwait(false);

        public static async Task<IReadOnlyList<PeeringRevocation>> RevokeAsync(PeeringRevokeRequest request, IOperationLog log, CancellationToken ct) =>
            await new PeeringRoles(await ConnectAsync(log, ct).ConfigureAwait(false)).RevokeAsync(request, ct).ConfigureAwait(false);

        public static async Task<PeeringRequest> NewRequestAsync(string clusterId, string virtualNetworkId, IOperationLog log, CancellationToken ct) =>
            await new PeeringTickets(await ConnectAsync(log, ct).ConfigureAwait(false)).NewRequestAsync(clusterId, virtualNetworkId, ct).ConfigureAwait(false);

        /// <summary><paramref name="clusterId"/> null: no peering is marked IsAstroCluster.</summary>
        public static async Task<IReadOnlyList<VnetPeering>> GetPeeringsAsync(string virtualNetworkId, string? clusterId, IOperationLog log, CancellationToken ct) =>
            await new PeeringTargets(await ConnectAsync(log, ct).ConfigureAwait(false)).GetPeeringsAsync(virtualNetworkId, clusterId, ct).ConfigureAwait(false);

        /// <summary>
        /// Polls until a peering whose remote space contains the cluster's vpcSubnetRange is Connected and FullyInSync;
        /// throws PeeringWaitTimeout (OperationTimeout) naming the last state seen.
        /// </summary>
        public static async Task<VnetPeering> WaitAsync(PeeringWaitRequest request, IOperationLog log, CancellationToken ct) =>
            await new PeeringWaiter(await ConnectAsync(log, ct).ConfigureAwait(false)).WaitAsync(request, ct).ConfigureAwait(false);

        private static async Task<PeeringContext> ConnectAsync(IOperationLog log, CancellationToken ct) =>
            await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false) is var azure
                ? new PeeringContext(azure, new AstroService(log), azure.GraphTokenClaims)
                : throw new InvalidOperationException();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Rbac;

namespace Astro.Network.Engine.Peering
{
    /// <summary>
    /// Test-AstroPeeringReadiness: one result per check. A failed check is a result, not an exception; only failures
    /// that stop every check (sign-in, a missing VNet) throw.
    /// </summary>
    internal sealed class PeeringReadiness
    {
        private static readonly HashSet<string> ClusterRefusals = new HashSet<string>(StringComparer.Ordinal)
        {
            "StandardClusterCannotPeer", "ClusterNotOnAzure", "AstroClusterNotFound", "AstroClusterIdRequired",
        };

        private readonly PeeringContext context;

        public PeeringReadiness(PeeringContext context)
        {
            this.context = context;
        }

        public async Task<IReadOnlyList<PeeringReadinessCheck>> TestAsync(string clusterId, string virtualNetworkId, CancellationToken ct)
        {
            var ids = VirtualNetworkIds.Parse(virtualNetworkId);
            var checks = new List<PeeringReadinessCheck>();
            void Add(string check, string status, string message, string? scope = null) => checks.Add(new PeeringReadinessCheck
            {
                ClusterId = clusterId ?? "",
                VirtualNetworkId = ids.Id,
                Check = check,
                Scope = scope,
                Status = status,
                Passed = status == Passed || status == Warning,
                Message = message,
            });

            AstroCluster? cluster = null;
            try
            {
                cluster = await new PeeringClusters(context.Astro, context.Log).GetAsync(clusterId!, ct).ConfigureAwait(false);
                Add("ClusterType", Passed, $"Cluster '{cluster.Name}' is {cluster.Type} on {cluster.CloudProvider} in {cluster.Region}, range {cluster.VpcSubnetRange}.");
            }
            catch (AstroNetworkException ex) when (ClusterRefusals.Contains(ex.ErrorId))
            {
                Add("ClusterType", Failed, ex.Message);
            }

            var target = await new PeeringTargets(context).GetTargetAsync(ids.Id, ct).ConfigureAwait(false);
            var range = cluster == null ? null : AddressSpaces.ClusterRange(cluster);
            if (cluster == null)
            {
                const string Why = "Needs a cluster that can peer (see the ClusterType check).";
                Add("AddressSpace", Skipped, Why);
                Add("PeeredAddressSpace", Skipped, Why);
            }
            else if (range == null)
            {
                var why = PeeringErrors.NoSubnetRange(cluster).Message + " Ask Astronomer support for the cluster's range.";
                Add("AddressSpace", Warning, why);
                Add("PeeredAddressSpace", Warning, why);
            }
            else
            {
                var cidr = range.ToCidrString();
                var inVnet = AddressSpaces.InVirtualNetwork(range, target);
                Add("AddressSpace", inVnet.Count == 0 ? Passed : Failed, inVnet.Count == 0
                    ? $"The cluster's range {cidr} does not overlap {target.VirtualNetworkName}'s address space ({string.Join(", ", target.AddressPrefixes)})."
                    : Describe(cidr, inVnet) + " Peer a VNet whose address space does not overlap the cluster's range.");
                var inPeers = AddressSpaces.InPeerings(range, target);
                Add("PeeredAddressSpace", inPeers.Count == 0 ? Passed : Failed, inPeers.Count == 0
                    ? $"The cluster's range {cidr} overlaps no address space peered to {target.VirtualNetworkName} ({target.Peerings.Length} peering(s))."
                    : Describe(cidr, inPeers) + " Azure refuses a peering whose remote space overlaps one already peered.");
            }

            foreach (var scope in ids.ScopeIds(PeeringRoleSet.AllScopes))
            {
                var result = await context.Rbac.CheckRoleAssignmentWriteAsync(scope.Value, context.Azure.Connection.ObjectId, ct).ConfigureAwait(false);
                Add("RoleAssignmentPermission", result.Allowed ? Passed : result.Conclusive ? Failed : Warning,
                    $"{(result.Allowed ? "You can" : result.Conclusive ? "You cannot" : "Could not tell whether you can")} create role assignments at the {scope.Key} scope ({result.Method}): {result.Detail}",
                    scope.Value);
            }

            var (status, message) = await ServicePrincipalAsync(ct).ConfigureAwait(false);
            Add("ServicePrincipal", status, message);
            return checks;
        }

        private const string Passed = "Passed";
        private const string Failed = "Failed";
        private const string Warning = "Warning";
        private const string Skipped = "Skipped";

        private static string Describe(string cidr, IReadOnlyList<AddressOverlap> overlaps) =>
            string.Join(" ", overlaps.Select(o => $"The cluster's range {cidr} overlaps {o.Prefix} ({o.Where})."));

        private async Task<(string Status, string Message)> ServicePrincipalAsync(CancellationToken ct)
        {
            var appId = PeeringEngine.AstronomerAppId;
            var adminCommand = $"an administrator can run once: az ad sp create --id {appId}";
            ServicePrincipalInfo? principal;
            try
            {
                principal = await context.Directory.FindServicePrincipalAsync(appId, ct).ConfigureAwait(false);
            }
            catch (AstroNetworkException ex) when (ex.ErrorId == DirectoryErrors.PermissionRequiredId)
            {
                return (Failed, ex.Message);
            }

            if (principal != null)
            {
                return (Passed, $"Astronomer's service principal exists in the tenant (object ID {principal.ObjectId}).");
            }

            var claims = context.GraphTokenClaims == null ? null : await context.GraphTokenClaims(ct).ConfigureAwait(false);
            if (claims == null)
            {
                return (Warning, $"Astronomer's service principal (appId {appId}) does not exist yet and whether you may create it could not be read; " +
                    $"Grant-AstroPeeringRole will try. Creating it needs Application.ReadWrite.All and the Application Administrator or Cloud Application Administrator role, or {adminCommand}.");
            }

            var (allowed, reason) = CallerDirectoryRights.Evaluate(claims);
            return allowed
                ? (Passed, $"Astronomer's service principal (appId {appId}) does not exist yet; Grant-AstroPeeringRole will create it. {reason}")
                : (Failed, $"Astronomer's service principal (appId {appId}) does not exist and you cannot create it: {reason} " +
                    $"It needs Application.ReadWrite.All and the Application Administrator or Cloud Application Administrator role; or {adminCommand}.");
        }
    }
}

using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Peering
{
    /// <summary>Finds the Astro cluster to peer with and refuses those that cannot peer (standard, not on Azure).</summary>
    internal sealed class PeeringClusters
    {
        private readonly AstroService astro;
        private readonly IOperationLog log;

        public PeeringClusters(AstroService astro, IOperationLog log)
        {
            this.astro = astro;
            this.log = log;
        }

        /// <summary>DEDICATED/HYBRID on AZURE; else StandardClusterCannotPeer, ClusterNotOnAzure or AstroClusterNotFound.</summary>
        public async Task<AstroCluster> GetAsync(string clusterId, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(clusterId))
            {
                throw new AstroNetworkException("AstroClusterIdRequired", FailureKind.InvalidArgument, "An Astro cluster ID is required.");
            }

            AstroCluster cluster;
            try
            {
                cluster = (await astro.GetClustersAsync(clusterId.Trim(), null, ct).ConfigureAwait(false)).Single();
            }
            catch (AstroNetworkException ex) when (ex.ErrorId == "AstroClusterNotFound")
            {
                // Standard clusters are not listed by the API; their ID shows up only on the Deployments that run there.
                var deployments = await astro.GetDeploymentsAsync(null, null, null, ct).ConfigureAwait(false);
                if (deployments.Any(d => string.Equals(d.ClusterId, clusterId.Trim(), StringComparison.OrdinalIgnoreCase)
                    && string.Equals(d.Type, "STANDARD", StringComparison.OrdinalIgnoreCase)))
                {
                    throw PeeringErrors.StandardCluster(clusterId.Trim());
                }

                throw;
            }

            if (!string.Equals(cluster.Type, "DEDICATED", StringComparison.OrdinalIgnoreCase) && !string.Equals(cluster.Type, "HYBRID", StringComparison.OrdinalIgnoreCase))
            {
                throw PeeringErrors.NotPeerable(cluster);
            }

            if (!string.Equals(cluster.CloudProvider, "AZURE", StringComparison.OrdinalIgnoreCase))
            {
                throw PeeringErrors.NotOnAzure(cluster);
            }

            log.Verbose($"Astro cluster {cluster} has range {cluster.VpcSubnetRange}.");
            return cluster;
        }
    }
}

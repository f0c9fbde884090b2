using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Astro;

namespace Astro.Network.Engine
{
    /// <summary>Astro reads: clusters, Deployments and their external (egress) IPs.</summary>
    public sealed class AstroService
    {
        private readonly IOperationLog log;
        private readonly AstroContext? context;

        /// <summary>Uses <see cref="AstroSession.Current"/>, connecting from the environment when there is none.</summary>
        public AstroService(IOperationLog log)
        {
            this.log = log;
        }

        internal AstroService(AstroContext context, IOperationLog log)
        {
            this.context = context;
            this.log = log;
        }

        /// <summary>
        /// One cluster by id (404 -> "AstroClusterNotFound"), else all clusters, filtered by names (wildcards allowed).
        /// A literal name that matches nothing fails with "AstroClusterNotFound" (target = the name).
        /// </summary>
        public Task<IReadOnlyList<AstroCluster>> GetClustersAsync(string? clusterId, string[]? names, CancellationToken ct) =>
            GetClustersAsync(clusterId, names, null, ct);

        /// <param name="onMissing">When given, a literal name that matches nothing is reported here and the others are still returned.</param>
        public Task<IReadOnlyList<AstroCluster>> GetClustersAsync(string? clusterId, string[]? names, Action<AstroNetworkException>? onMissing, CancellationToken ct) =>
            GetAsync("clusters", "AstroClusterNotFound", "cluster", AstroJson.ToCluster, c => c.Name, clusterId, names, null, onMissing, ct);

        /// <summary>
        /// One Deployment by id (404 -> "AstroDeploymentNotFound"), else all, filtered by names (wildcards allowed) and workspace ids.
        /// A literal name that matches nothing fails with "AstroDeploymentNotFound" (target = the name).
        /// </summary>
        public Task<IReadOnlyList<AstroDeployment>> GetDeploymentsAsync(string? deploymentId, string[]? names, string[]? workspaceIds, CancellationToken ct) =>
            GetDeploymentsAsync(deploymentId, names, workspaceIds, null, ct);

        /// <param name="onMissing">When given, a literal name that matches nothing is reported here and the others are still returned.</param>
        public Task<IReadOnlyList<AstroDeployment>> GetDeploymentsAsync(string? deploymentId, string[]? names, string[]? workspaceIds, Action<AstroNetworkException>? onMissing, CancellationToken ct) =>
            GetAsync("deployments", "AstroDeploymentNotFound", "Deployment", AstroJson.ToDeployment, d => d.Name, deploymentId, names, workspaceIds, onMissing, ct);

        /// <summary>The external IPs of a Deployment (with its disaster-recovery IPs) and/or a cluster, one object per IP and source.</summary>
        public Task<IReadOnlyList<AstroExternalIp>> GetExternalIpsAsync(string? deploymentId, string? clusterId, CancellationToken ct) =>
            GetExternalIpsAsync(deploymentId, clusterId, includeDisasterRecovery: true, ct);

        /// <param name="includeDisasterRecovery">Also the Deployment's drExternalIPs (source DeploymentDR); a cluster has none in the API.</param>
        public async Task<IReadOnlyList<AstroExternalIp>> GetExternalIpsAsync(string? deploymentId, string? clusterId, bool includeDisasterRecovery, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(deploymentId) && string.IsNullOrWhiteSpace(clusterId))
            {
                throw new AstroNetworkException("AstroSourceRequired", FailureKind.InvalidArgument, "Name a Deployment id or a cluster id to read external IPs from.");
            }

            var result = new List<AstroExternalIp>();
            if (!string.IsNullOrWhiteSpace(deploymentId))
            {
                result.AddRange((await GetDeploymentsAsync(deploymentId, null, null, ct).ConfigureAwait(false)).SelectMany(d => ExternalIpsOf(d, includeDisasterRecovery)));
            }

            if (!string.IsNullOrWhiteSpace(clusterId))
            {
                result.AddRange((await GetClustersAsync(clusterId, null, ct).ConfigureAwait(false)).SelectMany(ExternalIpsOf));
            }

            return result;
        }

        /// <summary>The Deployment's IPs (source Deployment) and, unless excluded, its disaster-recovery cluster's (source DeploymentDR).</summary>
        public static IReadOnlyList<AstroExternalIp> ExternalIpsOf(AstroDeployment d, bool includeDisasterRecovery = true) =>
            IpsOf(d, d.ExternalIps, "Deployment", d.Region)
                .Concat(includeDisasterRecovery ? IpsOf(d, d.DrExternalIps, "DeploymentDR", null) : Enumerable.Empty<AstroExternalIp>())
                .ToList();

        public static IReadOnlyList<AstroExternalIp> ExternalIpsOf(AstroCluster c) =>
            c.ExternalIps.Distinct(StringComparer.OrdinalIgnoreCase).Select(ip => new AstroExternalIp
            {
                IpAddress = ip, SourceType = "Cluster", SourceId = c.Id, SourceName = c.Name, ClusterId = c.Id, Region = c.Region,
            }).ToList();

        // region: where the traffic comes from, for the same-region check; unknown (null) for the DR cluster's IPs.
        private static IEnumerable<AstroExternalIp> IpsOf(AstroDeployment d, IEnumerable<string> ips, string source, string? region) =>
            ips.Distinct(StringComparer.OrdinalIgnoreCase).Select(ip => new AstroExternalIp
            {
                IpAddress = ip, SourceType = source, SourceId = d.Id, SourceName = d.Name, DeploymentId = d.Id, ClusterId = d.ClusterId, Region = region,
            });

        // One path for both collections: by id, or list with server-side filters and client-side wildcard matching.
        private async Task<IReadOnlyList<T>> GetAsync<T>(
            string collection, string notFoundId, string noun, Func<JsonObject, T> map, Func<T, string> nameOf,
            string? id, string[]? names, string[]? workspaceIds, Action<AstroNetworkException>? onMissing, CancellationToken ct)
        {
            var client = (context ?? await AstroSession.GetContextAsync(log, ct).ConfigureAwait(false)).CreateClient(log);
            if (!string.IsNullOrWhiteSpace(id))
            {
                return new[] { map(await client.GetAsync(collection, id!.Trim(), notFoundId, ct).ConfigureAwait(false)) };
            }

            var wanted = (names ?? Array.Empty<string>()).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
            var filters = new List<KeyValuePair<string, string>>();
            // The API filters by exact names; with a wildcard among them we list everything and match here.
            if (wanted.Count > 0 && !wanted.Any(NamePattern.IsWildcard))
            {
                filters.AddRange(wanted.Select(n => new KeyValuePair<string, string>("names", n)));
            }

            filters.AddRange((workspaceIds ?? Array.Empty<string>()).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => new KeyValuePair<string, string>("workspaceIds", w.Trim())));
            var items = (await client.ListAsync(collection, filters, ct).ConfigureAwait(false)).Select(map).ToList();
            log.Verbose($"Astro returned {items.Count} {collection}.");
            if (wanted.Count == 0)
            {
                return items;
            }

            var matched = items.Where(item => wanted.Any(pattern => NamePattern.Matches(pattern, nameOf(item)))).ToList();
            foreach (var missing in wanted.Where(n => !NamePattern.IsWildcard(n) && !items.Any(item => NamePattern.Matches(n, nameOf(item)))))
            {
                var error = new AstroNetworkException(notFoundId, FailureKind.ObjectNotFound,
                    $"No Astro {noun} named '{missing}' in organization {client.OrganizationId}.", missing);
                if (onMissing == null)
                {
                    throw error;
                }

                onMissing(error);
            }

            return matched;
        }
    }
}

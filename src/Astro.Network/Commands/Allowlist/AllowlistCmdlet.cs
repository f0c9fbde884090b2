using System;
using System.Collections.Generic;
using System.Linq;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Allowlist
{
    /// <summary>
    /// Shared by the allowlist cmdlets: resources and IPs that arrive one by one through the pipeline are checked at
    /// once (bad input stops the command before anything is read) and collected, so EndProcessing touches each
    /// resource exactly once.
    /// </summary>
    public abstract class AllowlistCmdlet : AstroCmdlet
    {
        private readonly List<string> _resourceIds = new List<string>();
        private readonly HashSet<string> _seenResources = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<KeyValuePair<string, string>> _ipAddresses = new List<KeyValuePair<string, string>>();
        private readonly List<string> _deploymentIds = new List<string>();
        private readonly List<string> _clusterIds = new List<string>();
        private bool _typedSource;

        protected IReadOnlyList<string> CollectedResourceIds => _resourceIds;

        /// <summary>The Azure regions of the Deployment or cluster the IPs came from (set by ResolveIps; empty for -IpAddress).</summary>
        protected IReadOnlyList<string> AstroRegions { get; private set; } = new string[0];

        protected void CollectResources(IEnumerable<string>? resourceIds)
        {
            foreach (var raw in resourceIds ?? Enumerable.Empty<string>())
            {
                try
                {
                    var id = AllowlistEngine.NormalizeResourceId(raw);
                    if (_seenResources.Add(id)) _resourceIds.Add(id);
                }
                catch (AstroNetworkException ex)
                {
                    ThrowTerminating(ex);
                }
            }
        }

        /// <summary>Collects IPs with the source they are for (a piped Get-AstroExternalIp object's SourceId; none: "manual").</summary>
        protected void CollectIps(IEnumerable<string>? ipAddresses, string? sourceId = null)
        {
            if (ipAddresses == null) return;
            try
            {
                var owner = AllowlistEngine.NormalizeSourceId(sourceId);
                _ipAddresses.AddRange(AllowlistEngine.NormalizeIpAddresses(ipAddresses).Select(ip => new KeyValuePair<string, string>(ip, owner)));
            }
            catch (AstroNetworkException ex)
            {
                ThrowTerminating(ex);
            }
        }

        /// <summary>
        /// Records whether -DeploymentId or -ClusterId was typed (the pipeline has bound nothing yet). The two take no
        /// [ValidateNotNullOrEmpty]: a piped object may carry a null one (a cluster's IP has no DeploymentId), so a
        /// typed empty value is refused here.
        /// </summary>
        protected override void BeginProcessing()
        {
            foreach (var name in new[] { "DeploymentId", "ClusterId" })
            {
                if (!MyInvocation.BoundParameters.TryGetValue(name, out var value)) continue;
                _typedSource = true;
                if (string.IsNullOrWhiteSpace(value as string))
                {
                    ThrowTerminating(new AstroNetworkException("EmptyAstroId", FailureKind.InvalidArgument,
                        $"-{name} is empty. Get-Astro{name.Substring(0, name.Length - 2)} lists the IDs.", name));
                }
            }
            base.BeginProcessing();
        }

        protected static AstroNetworkException IpSourceRequired() => new AstroNetworkException("IpSourceRequired", FailureKind.InvalidArgument,
            "Say which IPs to use: -DeploymentId, -ClusterId or -IpAddress, or pipe Get-AstroDeployment, Get-AstroCluster or Get-AstroExternalIp.", null);

        /// <summary>
        /// Records where the IPs come from, per pipeline item. A piped Deployment carries its ClusterId too (bound by
        /// property name): then the Deployment is the source. Typed together, or one typed and the other piped, the
        /// two are ambiguous. Several piped Deployments or clusters add up.
        /// </summary>
        protected void CollectSource(string? deploymentId, string? clusterId)
        {
            if (!string.IsNullOrEmpty(deploymentId) && !string.IsNullOrEmpty(clusterId) && _typedSource)
            {
                ThrowTerminating(new AstroNetworkException("AmbiguousIpSource", FailureKind.InvalidArgument,
                    "Give -DeploymentId or -ClusterId, not both.", deploymentId));
            }
            if (!string.IsNullOrEmpty(deploymentId)) AddOnce(_deploymentIds, deploymentId!);
            else if (!string.IsNullOrEmpty(clusterId)) AddOnce(_clusterIds, clusterId!);
        }

        private static void AddOnce(List<string> list, string id)
        {
            if (!list.Contains(id, StringComparer.OrdinalIgnoreCase)) list.Add(id);
        }

        /// <summary>The Deployment and cluster IDs the IPs are read from (empty when the IPs were given).</summary>
        protected IReadOnlyList<string> SourceIds => _deploymentIds.Concat(_clusterIds).ToList();

        /// <summary>"Deployment a, Cluster b" for the collected sources; null when the IPs were given.</summary>
        protected string? Source => _deploymentIds.Count + _clusterIds.Count == 0 ? null :
            string.Join(", ", _deploymentIds.Select(id => "Deployment " + id).Concat(_clusterIds.Select(id => "Cluster " + id)));

        /// <summary>The IPs to act on: collected ones, or Astro's current IPs of the collected Deployments and clusters (call from EndItems).</summary>
        protected IReadOnlyList<string> ResolveIps() => ResolveOwnedIps().Select(p => p.Key).Distinct().ToList();

        /// <summary>The IPs with the source each is for: the Deployment or cluster they were read from, or as collected.</summary>
        protected IReadOnlyList<KeyValuePair<string, string>> ResolveOwnedIps()
        {
            if (Source == null)
            {
                return _ipAddresses.Distinct().ToList();
            }
            var values = new List<KeyValuePair<string, string>>();
            foreach (var id in _deploymentIds) values.AddRange(Owned(ExternalIps(id, null), id));
            foreach (var id in _clusterIds) values.AddRange(Owned(ExternalIps(null, id), id));
            return values.Distinct().ToList();
        }

        private static IEnumerable<KeyValuePair<string, string>> Owned(IEnumerable<string> ips, string sourceId)
        {
            var owner = AllowlistEngine.NormalizeSourceId(sourceId);
            return AllowlistEngine.NormalizeIpAddresses(ips).Select(ip => new KeyValuePair<string, string>(ip, owner));
        }

        private IEnumerable<string> ExternalIps(string? deploymentId, string? clusterId)
        {
            var ips = Run((log, ct) => new AstroService(log).GetExternalIpsAsync(deploymentId, clusterId, ct));
            AstroRegions = AstroRegions.Concat(ips.Select(ip => ip.Region).Where(r => !string.IsNullOrEmpty(r)).Select(r => r!))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (ips.Count == 0)
            {
                throw new AstroNetworkException("AstroExternalIpsUnavailable", FailureKind.ObjectNotFound,
                    $"Astro reports no external IPs for {(deploymentId != null ? "deployment " + deploymentId : "cluster " + clusterId)}; nothing to allowlist.",
                    deploymentId ?? clusterId);
            }
            return ips.Select(ip => ip.IpAddress);
        }

        /// <summary>Writes each resource's value, or its error, in input order; one failure does not stop the rest.</summary>
        protected void WriteOutcomes<T>(IEnumerable<ResourceOutcome<T>> outcomes, Action<T> write)
        {
            foreach (var outcome in outcomes)
            {
                if (outcome.Error != null) WriteError(ToErrorRecord(outcome.Error));
                else write(outcome.Value!);
            }
        }
    }
}

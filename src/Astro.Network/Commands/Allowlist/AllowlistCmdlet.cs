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
        private readonly List<string> _ipAddresses = new List<string>();

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

        protected void CollectIps(IEnumerable<string>? ipAddresses)
        {
            if (ipAddresses == null) return;
            try
            {
                _ipAddresses.AddRange(AllowlistEngine.NormalizeIpAddresses(ipAddresses));
            }
            catch (AstroNetworkException ex)
            {
                ThrowTerminating(ex);
            }
        }

        /// <summary>The IPs to act on: collected ones, or Astro's current IPs of a deployment or cluster (call from EndItems).</summary>
        protected IReadOnlyList<string> ResolveIps(string? deploymentId, string? clusterId)
        {
            if (deploymentId == null && clusterId == null)
            {
                return _ipAddresses.Distinct().ToList();
            }
            var ips = Run((log, ct) => new AstroService(log).GetExternalIpsAsync(deploymentId, clusterId, ct));
            var values = ips.Select(ip => ip.IpAddress).ToList();
            AstroRegions = ips.Select(ip => ip.Region).Where(r => !string.IsNullOrEmpty(r)).Select(r => r!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (values.Count == 0)
            {
                throw new AstroNetworkException("AstroExternalIpsUnavailable", FailureKind.ObjectNotFound,
                    $"Astro reports no external IPs for {(deploymentId != null ? "deployment " + deploymentId : "cluster " + clusterId)}; nothing to allowlist.",
                    deploymentId ?? clusterId);
            }
            return AllowlistEngine.NormalizeIpAddresses(values);
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

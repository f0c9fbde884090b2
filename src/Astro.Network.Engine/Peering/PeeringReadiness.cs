using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Peering
{
    /// <summary>Test-AstroPeeringReadiness: one result per check; a failed check is a result, not an exception.</summary>
    internal sealed class PeeringReadiness
    {
        private readonly PeeringContext context;

        public PeeringReadiness(PeeringContext context)
        {
            this.context = context;
        }

        public Task<IReadOnlyList<PeeringReadinessCheck>> TestAsync(string clusterId, string virtualNetworkId, CancellationToken ct) =>
            throw new NotImplementedException("Readiness lands with the Rbac client.");
    }
}

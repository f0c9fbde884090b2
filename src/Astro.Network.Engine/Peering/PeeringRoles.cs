using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Peering
{
    /// <summary>Grants and revokes Astronomer's temporary peering roles.</summary>
    internal sealed class PeeringRoles
    {
        private readonly PeeringContext context;

        public PeeringRoles(PeeringContext context)
        {
            this.context = context;
        }

        public Task<IReadOnlyList<PeeringGrant>> GrantAsync(PeeringGrantRequest request, CancellationToken ct) =>
            throw new NotImplementedException("Grant lands with the Rbac client.");

        public Task<IReadOnlyList<PeeringRevocation>> RevokeAsync(PeeringRevokeRequest request, CancellationToken ct) =>
            throw new NotImplementedException("Revoke lands with the Rbac client.");
    }
}

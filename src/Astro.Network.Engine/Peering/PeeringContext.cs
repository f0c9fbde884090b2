using System;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Engine.Rbac;

namespace Astro.Network.Engine.Peering
{
    /// <summary>What every peering operation works with for one call: Azure (ARM, Graph, RBAC, directory) and Astro.</summary>
    internal sealed class PeeringContext
    {
        public PeeringContext(AzureContext azure, AstroService astro, Func<CancellationToken, Task<string?>>? graphTokenClaims = null)
        {
            Azure = azure;
            Astro = astro;
            GraphTokenClaims = graphTokenClaims;
            Rbac = new RbacClient(azure);
            Directory = new DirectoryClient(azure.Graph);
        }

        public AzureContext Azure { get; }

        public AstroService Astro { get; }

        public RbacClient Rbac { get; }

        public DirectoryClient Directory { get; }

        public IOperationLog Log => Azure.Log;

        /// <summary>The decoded claims (JSON, never the token) of the caller's Microsoft Graph token; null when unavailable.</summary>
        public Func<CancellationToken, Task<string?>>? GraphTokenClaims { get; }
    }
}

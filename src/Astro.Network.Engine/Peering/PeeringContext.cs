using Astro.Network.Engine.AzureAccess;

namespace Astro.Network.Engine.Peering
{
    /// <summary>What every peering operation works with for one call: Azure (ARM, Graph, connection) and Astro.</summary>
    internal sealed class PeeringContext
    {
        public PeeringContext(AzureContext azure, AstroService astro)
        {
            Azure = azure;
            Astro = astro;
        }

        public AzureContext Azure { get; }

        public AstroService Astro { get; }

        public IOperationLog Log => Azure.Log;
    }
}

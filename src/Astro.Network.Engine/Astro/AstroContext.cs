using System.Security;
using Azure.Core.Pipeline;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.Astro
{
    /// <summary>A signed-in Astro session: connection info plus the pipeline carrying the token. Clients are made per caller's log.</summary>
    internal sealed class AstroContext
    {
            private readonly HttpPipeline pipeline;
        private readonly int pageSize;

        public AstroContext(AstroConnectionInfo info, SecureString token, PipelineSettings settings)
        {
            Info = info;
            pageSize = settings.AstroPageSize;
            pipeline = PipelineFactory.Build(new AstroTokenPolicy(token), settings, waitsForBusy: false);
        }

        public AstroConnectionInfo Info { get; }

        public AstroRestClient CreateClient(IOperationLog log) =>
            new AstroRestClient(new RestChannel(pipeline, Info.ApiUrl, RestService.Astro, log), Info.OrganizationId, pageSize);
    }
}

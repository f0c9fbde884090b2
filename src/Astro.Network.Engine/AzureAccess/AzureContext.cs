using System;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.AzureAccess
{
    /// <summary>
    /// What an Azure service (allowlist, peering, ...) works with for one call: ARM and Graph clients that log to the
    /// caller's log, the connection info and the pipeline settings (for their own polling/retry waits).
    /// </summary>
    internal sealed class AzureContext
    {
        public AzureContext(AzureConnectionInfo connection, ArmRestClient arm, GraphRestClient graph, IOperationLog log, PipelineSettings settings,
            Func<CancellationToken, Task<string?>>? graphTokenClaims = null)
        {
            GraphTokenClaims = graphTokenClaims;
            Connection = connection;
            Arm = arm;
            Graph = graph;
            Log = log;
            Settings = settings;
        }

        public AzureConnectionInfo Connection { get; }

        public ArmRestClient Arm { get; }

        public GraphRestClient Graph { get; }

        public IOperationLog Log { get; }

        public PipelineSettings Settings { get; }

        /// <summary>The claims (JSON, never the token) of the caller's Microsoft Graph token, e.g. its roles/wids; null when unavailable.</summary>
        public Func<CancellationToken, Task<string?>>? GraphTokenClaims { get; }

        /// <summary>The connected subscription, or "AzureSubscriptionRequired" when none was found.</summary>
        public string SubscriptionId => Connection.SubscriptionId
            ?? throw new AstroNetworkException("AzureSubscriptionRequired", FailureKind.InvalidOperation,
                "No Azure subscription is selected: run Connect-AstroAzure -SubscriptionId <id>.");
    }
}

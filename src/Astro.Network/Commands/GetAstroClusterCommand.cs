using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands
{
    /// <summary>Lists the organization's dedicated and hybrid Astro clusters, or gets one by ID.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroCluster", DefaultParameterSetName = ByName)]
    [OutputType(typeof(AstroCluster))]
    public sealed class GetAstroClusterCommand : AstroCmdlet
    {
        private const string ByName = "ByName";
        private const string ById = "ById";

        [Parameter(ParameterSetName = ById, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string ClusterId { get; set; } = null!;

        /// <summary>Cluster names; wildcards allowed.</summary>
        [Parameter(ParameterSetName = ByName, Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ClusterNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessItem()
        {
            var id = ParameterSetName == ById ? ClusterId : null;
            // A name that matches nothing is reported after the others are written, as Get-Item does.
            var missing = new System.Collections.Concurrent.ConcurrentQueue<AstroNetworkException>();
            var clusters = Run((log, ct) => new AstroService(log).GetClustersAsync(id, Name, missing.Enqueue, ct));
            WriteObject(clusters, enumerateCollection: true);
            foreach (var error in missing) WriteError(ToErrorRecord(error));
        }
    }
}

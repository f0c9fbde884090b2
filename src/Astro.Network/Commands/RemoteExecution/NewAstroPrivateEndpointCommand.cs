using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.RemoteExecution
{
    /// <summary>
    /// Creates the private endpoint from the customer's VNet to an Astro cluster's Private Link Service (manual approval,
    /// the request naming the cluster), the private DNS zone external.astronomer.run, its link to the VNet and the record
    /// &lt;clusterId&gt; pointing at the endpoint's IP. What exists is used as it is: a re-run writes nothing and says so.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "AstroPrivateEndpoint", SupportsShouldProcess = true, DefaultParameterSetName = AliasSet)]
    [OutputType(typeof(RemoteExecutionEndpoint))]
    public sealed class NewAstroPrivateEndpointCommand : RemoteExecutionCmdlet
    {
        private const string AliasSet = "Alias";
        private const string IdSet = "Id";

        /// <summary>The Private Link Service alias Astronomer support returns for the cluster (…azure.privatelinkservice).</summary>
        [Parameter(Mandatory = true, ParameterSetName = AliasSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string PrivateLinkServiceAlias { get; set; } = null!;

        /// <summary>The Private Link Service's resource ID, when Astronomer gives an ID instead of an alias.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string PrivateLinkServiceId { get; set; } = null!;

        protected override void ProcessItem()
        {
            var request = NewRequest(true, ParameterSetName == AliasSet ? PrivateLinkServiceAlias : null, ParameterSetName == IdSet ? PrivateLinkServiceId : null);
            request.WhatIf = !ShouldProcess(RemoteExecutionEngine.EndpointId(request),
                $"Create what is missing of: the private endpoint (manual approval, cluster {ClusterId}), the private DNS zone {RemoteExecutionEngine.ZoneName}, its VNet link and the record {ClusterId.ToLowerInvariant()}");
            WriteObject(Run((log, ct) => RemoteExecutionEngine.NewAsync(request, log, ct)));
        }
    }
}

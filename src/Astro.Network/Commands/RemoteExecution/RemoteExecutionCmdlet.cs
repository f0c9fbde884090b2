using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.RemoteExecution
{
    /// <summary>The endpoint's identity, shared by New and Remove; bound by property name from a RemoteExecutionEndpoint.</summary>
    public abstract class RemoteExecutionCmdlet : AstroCmdlet
    {
        /// <summary>The Astro cluster's ID; it names the DNS record &lt;clusterId&gt;.external.astronomer.run.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string ClusterId { get; set; } = null!;

        /// <summary>The subnet for the private endpoint, in the VNet the Remote Execution agents run in.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string SubnetId { get; set; } = null!;

        /// <summary>The private endpoint's name; default pe-astro-&lt;clusterId&gt;.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The resource group of the private DNS zone external.astronomer.run; default the subnet's.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? DnsZoneResourceGroup { get; set; }

        /// <summary>The request with the common parameters; bad input writes its ErrorRecord before any request.</summary>
        protected RemoteExecutionRequest NewRequest(bool needsService, string? alias = null, string? serviceId = null)
        {
            var request = new RemoteExecutionRequest
            {
                ClusterId = ClusterId,
                SubnetId = SubnetId,
                Name = Name,
                DnsZoneResourceGroup = DnsZoneResourceGroup,
                PrivateLinkServiceAlias = alias,
                PrivateLinkServiceId = serviceId,
            };
            RemoteExecutionEngine.Validate(request, needsService);
            return request;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;
using Astro.Network.Engine.RemoteExecution;

namespace Astro.Network.Engine
{
    /// <summary>One Remote Execution endpoint as the cmdlets name it; syntax is checked before any request.</summary>
    public sealed class RemoteExecutionRequest
    {
        public string ClusterId { get; set; } = "";
        public string SubnetId { get; set; } = "";
        /// <summary>Null: pe-astro-&lt;clusterId&gt;.</summary>
        public string? Name { get; set; }
        /// <summary>Null: the subnet's resource group.</summary>
        public string? DnsZoneResourceGroup { get; set; }
        /// <summary>New only: the alias Astronomer support returns, or (not both) a Private Link Service resource ID.</summary>
        public string? PrivateLinkServiceAlias { get; set; }
        public string? PrivateLinkServiceId { get; set; }
        public bool WhatIf { get; set; }
    }

    /// <summary>
    /// Private Link to Astro for Remote Execution agents (Airflow 3): the private endpoint to the cluster's Private Link
    /// Service in the customer's VNet, the wait for Astronomer's approval, and the private DNS name &lt;clusterId&gt;.external.astronomer.run.
    /// </summary>
    public static class RemoteExecutionEngine
    {
        public const string ZoneName = RemoteExecutionTarget.ZoneName;

        /// <summary>Throws InvalidClusterId / InvalidResourceId / InvalidPrivateEndpointName / InvalidResourceGroupName / PrivateLinkServiceRequired / InvalidPrivateLinkServiceAlias.</summary>
        public static void Validate(RemoteExecutionRequest request, bool needsService)
        {
            RemoteExecutionTarget.Parse(request.ClusterId, request.SubnetId, request.Name, request.DnsZoneResourceGroup);
            if (needsService)
            {
                RemoteExecutionTarget.ParseService(request.PrivateLinkServiceAlias, request.PrivateLinkServiceId);
            }
        }

        /// <summary>The endpoint's ID for the request (pure; for ShouldProcess messages).</summary>
        public static string EndpointId(RemoteExecutionRequest request) =>
            RemoteExecutionTarget.Parse(request.ClusterId, request.SubnetId, request.Name, request.DnsZoneResourceGroup).EndpointId;

        /// <summary>Creates what is missing (endpoint, zone, link, record); a re-run writes nothing and says so in Note; WhatIf reads only.</summary>
        public static async Task<RemoteExecutionEndpoint> NewAsync(RemoteExecutionRequest request, IOperationLog log, CancellationToken ct)
        {
            var target = RemoteExecutionTarget.Parse(request.ClusterId, request.SubnetId, request.Name, request.DnsZoneResourceGroup);
            var service = RemoteExecutionTarget.ParseService(request.PrivateLinkServiceAlias, request.PrivateLinkServiceId);
            return await (await ConnectAsync(log, ct).ConfigureAwait(false)).NewAsync(target, service, request.WhatIf, ct).ConfigureAwait(false);
        }

        /// <summary>Polls until Astronomer approves (Approved); PrivateEndpointRejected, PrivateEndpointNotFound or PrivateEndpointWaitTimeout otherwise.</summary>
        public static async Task<RemoteExecutionEndpoint> WaitAsync(string privateEndpointId, TimeSpan timeout, TimeSpan pollInterval, IOperationLog log, CancellationToken ct)
        {
            var id = Rest.ResourceId.Parse(privateEndpointId).RequireType("Microsoft.Network/privateEndpoints").Id;
            return await (await ConnectAsync(log, ct).ConfigureAwait(false)).WaitAsync(id, timeout, pollInterval, ct).ConfigureAwait(false);
        }

        /// <summary>Removes only what the module made (record, link and zone when nothing else uses them, endpoint); WhatIf reads only.</summary>
        public static async Task<IReadOnlyList<RemoteExecutionChange>> RemoveAsync(RemoteExecutionRequest request, IOperationLog log, CancellationToken ct)
        {
            var target = RemoteExecutionTarget.Parse(request.ClusterId, request.SubnetId, request.Name, request.DnsZoneResourceGroup);
            return await (await ConnectAsync(log, ct).ConfigureAwait(false)).RemoveAsync(target, request.WhatIf, ct).ConfigureAwait(false);
        }

        private static async Task<RemoteExecutionService> ConnectAsync(IOperationLog log, CancellationToken ct)
        {
            var context = await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false);
            return new RemoteExecutionService(new RestArmJsonClient(context.Arm), log);
        }
    }
}

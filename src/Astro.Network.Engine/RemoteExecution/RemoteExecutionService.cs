using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.RemoteExecution
{
    /// <summary>
    /// Creates and removes the customer side of Private Link to Astro for Remote Execution (Astronomer's docs,
    /// remote-agents-azure-privatelink): the private endpoint with a manual-approval request naming the cluster, the zone
    /// external.astronomer.run, its link to the endpoint's VNet and the A record &lt;clusterId&gt; -> the endpoint's IP.
    /// Every read comes before the first write, so a refusal changes nothing; what exists is used and not written again.
    /// </summary>
    internal sealed class RemoteExecutionService
    {
        private readonly IArmJsonClient arm;
        private readonly IOperationLog log;

        public RemoteExecutionService(IArmJsonClient arm, IOperationLog log)
        {
            this.arm = arm;
            this.log = log;
        }

        public async Task<RemoteExecutionEndpoint> NewAsync(RemoteExecutionTarget target, string service, bool whatIf, CancellationToken ct)
        {
            var vnet = await arm.GetAsync(target.VirtualNetworkId, ApiVersions.Network, ct).ConfigureAwait(false);
            var subnetName = target.SubnetId.Substring(target.SubnetId.LastIndexOf('/') + 1);
            if (vnet == null || !(vnet.Body["properties"]?["subnets"] as JsonArray ?? new JsonArray())
                    .Any(s => string.Equals(JsonNodes.Text(s, "name"), subnetName, StringComparison.OrdinalIgnoreCase)))
            {
                throw RemoteExecutionErrors.SubnetNotFound(target.SubnetId);
            }

            var endpoint = (await arm.GetAsync(target.EndpointId, ApiVersions.Network, ct).ConfigureAwait(false))?.Body;
            if (endpoint != null && !string.Equals(PrivateEndpointJson.Connection(endpoint).Service, service, StringComparison.OrdinalIgnoreCase))
            {
                throw RemoteExecutionErrors.EndpointTargetsOther(target.EndpointId, PrivateEndpointJson.Connection(endpoint).Service);
            }

            var address = endpoint == null ? null : await AddressAsync(target.EndpointId, endpoint, ct).ConfigureAwait(false);
            var dns = await DnsState.ReadAsync(arm, target, ct).ConfigureAwait(false);
            var addresses = dns.Record == null ? Array.Empty<string>() : DnsState.Addresses(dns.Record);
            var recordCurrent = address != null && addresses.Length == 1 && addresses[0] == address;
            if (dns.Record != null && !recordCurrent && !DnsState.IsOwnedRecord(dns.Record, target.ClusterId))
            {
                throw RemoteExecutionErrors.RecordConflict(target.RecordId, addresses.Length == 0 ? "no address" : string.Join(", ", addresses));
            }

            var changes = new List<RemoteExecutionChange>();
            if (endpoint != null)
            {
                changes.Add(Change("PrivateEndpoint", target.EndpointId, "Exists", PrivateEndpointJson.IsOwned(endpoint, target.ClusterId) ? null : "not made by Astro.Network; used as it is"));
            }
            else if (whatIf)
            {
                changes.Add(Change("PrivateEndpoint", target.EndpointId, "WouldCreate", $"manual-approval request to {service}"));
            }
            else
            {
                var location = JsonNodes.Text(vnet.Body, "location") ?? "";
                endpoint = (await arm.PutAsync(target.EndpointId, ApiVersions.Network, PrivateEndpointJson.Create(target, service, location), null, ct).ConfigureAwait(false)).Body;
                changes.Add(Change("PrivateEndpoint", target.EndpointId, "Created", "Pending until Astronomer support approves it"));
                address = await AddressAsync(target.EndpointId, endpoint, ct).ConfigureAwait(false);
            }

            changes.AddRange(await new DnsWriter(arm, target, whatIf).EnsureAsync(dns, address, recordCurrent, ct).ConfigureAwait(false));
            var result = Describe(target.EndpointId, endpoint, target.ClusterId);
            result.SubnetId = target.SubnetId;
            result.PrivateLinkService = service;
            result.PrivateIpAddress = address;
            result.DnsZoneResourceGroup = target.DnsResourceGroup;
            result.Changes = changes.ToArray();
            result.WhatIf = whatIf;
            if (changes.All(c => c.Status == "Exists"))
            {
                result.Note = "Nothing to change: the endpoint, the zone, its VNet link and the record are in place; nothing written.";
                log.Verbose(result.Note);
            }

            return result;
        }

        /// <summary>Removes the record, link, zone and endpoint this module made; the link and zone stay while other records use them.</summary>
        public async Task<IReadOnlyList<RemoteExecutionChange>> RemoveAsync(RemoteExecutionTarget target, bool whatIf, CancellationToken ct)
        {
            var endpoint = (await arm.GetAsync(target.EndpointId, ApiVersions.Network, ct).ConfigureAwait(false))?.Body;
            var dns = await DnsState.ReadAsync(arm, target, ct).ConfigureAwait(false);
            var changes = new List<RemoteExecutionChange>(await new DnsWriter(arm, target, whatIf).RemoveAsync(dns, ct).ConfigureAwait(false));
            if (endpoint == null)
            {
                changes.Add(Change("PrivateEndpoint", target.EndpointId, "Absent", null));
            }
            else if (!PrivateEndpointJson.IsOwned(endpoint, target.ClusterId))
            {
                changes.Add(Change("PrivateEndpoint", target.EndpointId, "Kept", "not made by Astro.Network for this cluster"));
            }
            else
            {
                if (!whatIf)
                {
                    await arm.DeleteAsync(target.EndpointId, ApiVersions.Network, ct).ConfigureAwait(false);
                }

                changes.Add(Change("PrivateEndpoint", target.EndpointId, whatIf ? "WouldRemove" : "Removed", null));
            }

            return changes;
        }

        /// <summary>Polls until the connection is Approved; Rejected or Disconnected fail at once, as Astronomer will not approve those.</summary>
        public async Task<RemoteExecutionEndpoint> WaitAsync(string endpointId, TimeSpan timeout, TimeSpan interval, CancellationToken ct)
        {
            const string Activity = "Wait for Astronomer to approve the private endpoint";
            if (timeout <= TimeSpan.Zero || interval <= TimeSpan.Zero)
            {
                throw RemoteExecutionErrors.InvalidWait();
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                var endpoint = (await arm.GetAsync(endpointId, ApiVersions.Network, ct).ConfigureAwait(false))?.Body
                    ?? throw RemoteExecutionErrors.EndpointNotFound(endpointId);
                var (service, status, description) = PrivateEndpointJson.Connection(endpoint);
                if (string.Equals(status, "Approved", StringComparison.OrdinalIgnoreCase))
                {
                    log.Progress(Activity, "Approved", 100);
                    var result = Describe(endpointId, endpoint, JsonNodes.Text(endpoint["tags"], RemoteExecutionTarget.OwnerTag) ?? "");
                    result.PrivateLinkService = service;
                    result.PrivateIpAddress = await AddressAsync(endpointId, endpoint, ct).ConfigureAwait(false);
                    return result;
                }

                if (string.Equals(status, "Rejected", StringComparison.OrdinalIgnoreCase) || string.Equals(status, "Disconnected", StringComparison.OrdinalIgnoreCase))
                {
                    throw RemoteExecutionErrors.Rejected(endpointId, status, description);
                }

                var remaining = timeout - clock.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    throw RemoteExecutionErrors.WaitTimeout(endpointId, timeout, status);
                }

                log.Progress(Activity, $"{status}; {(long)clock.Elapsed.TotalSeconds} of {(long)timeout.TotalSeconds} s",
                    (int)Math.Min(99, clock.Elapsed.Ticks * 100 / timeout.Ticks));
                await Task.Delay(remaining < interval ? remaining : interval, ct).ConfigureAwait(false);
            }
        }

        private static RemoteExecutionEndpoint Describe(string endpointId, JsonObject? endpoint, string clusterId) => new RemoteExecutionEndpoint
        {
            ClusterId = clusterId,
            Name = endpointId.Substring(endpointId.LastIndexOf('/') + 1),
            PrivateEndpointId = endpointId,
            SubnetId = JsonNodes.Text(endpoint?["properties"]?["subnet"], "id") ?? "",
            ConnectionStatus = endpoint == null ? "" : PrivateEndpointJson.Connection(endpoint).Status,
            HostName = clusterId.Length == 0 ? "" : clusterId + "." + RemoteExecutionTarget.ZoneName,
        };

        private async Task<string> AddressAsync(string endpointId, JsonObject endpoint, CancellationToken ct)
        {
            if (PrivateEndpointJson.DnsConfigAddress(endpoint) is { } address)
            {
                return address;
            }

            var nicId = PrivateEndpointJson.NetworkInterfaceId(endpoint) ?? throw RemoteExecutionErrors.NoAddress(endpointId);
            var nic = await arm.GetAsync(nicId, ApiVersions.Network, ct).ConfigureAwait(false);
            return (nic == null ? null : PrivateEndpointJson.NicAddress(nic.Body)) ?? throw RemoteExecutionErrors.NoAddress(endpointId);
        }

        internal static RemoteExecutionChange Change(string part, string id, string status, string? detail) =>
            new RemoteExecutionChange { Part = part, Id = id, Status = status, Detail = detail };
    }
}

using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;
using static Astro.Network.Engine.RemoteExecution.RemoteExecutionService;

namespace Astro.Network.Engine.RemoteExecution
{
    /// <summary>The writes to the zone external.astronomer.run, decided from a <see cref="DnsState"/> read before any write.</summary>
    internal sealed class DnsWriter
    {
        private const int RecordTtl = 10;   // short, as Azure's private DNS zone groups set: a re-created endpoint's new IP is seen at once
        private readonly IArmJsonClient arm;
        private readonly RemoteExecutionTarget target;
        private readonly bool whatIf;

        public DnsWriter(IArmJsonClient arm, RemoteExecutionTarget target, bool whatIf)
        {
            this.arm = arm;
            this.target = target;
            this.whatIf = whatIf;
        }

        /// <summary>Zone, link and record; <paramref name="address"/> is null only under -WhatIf before the endpoint exists.</summary>
        public async Task<IReadOnlyList<RemoteExecutionChange>> EnsureAsync(DnsState dns, string? address, bool recordCurrent, CancellationToken ct)
        {
            var changes = new List<RemoteExecutionChange>();
            if (dns.Zone != null)
            {
                changes.Add(Change("DnsZone", target.ZoneId, "Exists", null));
            }
            else
            {
                await PutAsync(target.ZoneId, new JsonObject { ["location"] = "global", ["tags"] = Tags() }, null, ct).ConfigureAwait(false);
                changes.Add(Change("DnsZone", target.ZoneId, Done("Create"), null));
            }

            if (dns.Link != null)
            {
                changes.Add(Change("DnsZoneLink", JsonNodes.Text(dns.Link, "id") ?? target.LinkId, "Exists", null));
            }
            else
            {
                await PutAsync(target.LinkId, new JsonObject
                {
                    ["location"] = "global",
                    ["tags"] = Tags(),
                    ["properties"] = new JsonObject
                    {
                        ["virtualNetwork"] = new JsonObject { ["id"] = target.VirtualNetworkId },
                        ["registrationEnabled"] = false,
                    },
                }, null, ct).ConfigureAwait(false);
                changes.Add(Change("DnsZoneLink", target.LinkId, Done("Create"), "to " + target.VirtualNetworkId));
            }

            var to = "-> " + (address ?? "the endpoint's IP once it exists");
            if (recordCurrent)
            {
                changes.Add(Change("DnsRecord", target.RecordId, "Exists", to));
            }
            else
            {
                var body = new JsonObject
                {
                    ["properties"] = new JsonObject
                    {
                        ["ttl"] = RecordTtl,
                        ["aRecords"] = new JsonArray(new JsonObject { ["ipv4Address"] = address }),
                        ["metadata"] = new JsonObject { [RemoteExecutionTarget.OwnerMetadata] = target.ClusterId },
                    },
                };
                await PutAsync(target.RecordId, body, dns.RecordETag, ct).ConfigureAwait(false);
                changes.Add(Change("DnsRecord", target.RecordId, Done(dns.Record == null ? "Create" : "Update"), to));
            }

            return changes;
        }

        /// <summary>This module's record; its link and zone when no other record is left to resolve through them.</summary>
        public async Task<IReadOnlyList<RemoteExecutionChange>> RemoveAsync(DnsState dns, CancellationToken ct)
        {
            var changes = new List<RemoteExecutionChange>();
            if (dns.Record == null)
            {
                changes.Add(Change("DnsRecord", target.RecordId, "Absent", null));
            }
            else if (!DnsState.IsOwnedRecord(dns.Record, target.ClusterId))
            {
                changes.Add(Change("DnsRecord", target.RecordId, "Kept", "not made by Astro.Network"));
            }
            else
            {
                await DeleteAsync(target.RecordId, ct).ConfigureAwait(false);
                changes.Add(Change("DnsRecord", target.RecordId, Done("Remove"), null));
            }

            var recordsLeft = dns.OtherRecords + (dns.Record != null && !DnsState.IsOwnedRecord(dns.Record, target.ClusterId) ? 1 : 0);
            var inUse = recordsLeft > 0 ? $"{recordsLeft} other record set(s) in the zone still use it" : null;
            var linkRemoved = false;
            if (dns.Link == null)
            {
                changes.Add(Change("DnsZoneLink", target.LinkId, "Absent", null));
            }
            else if (!PrivateEndpointJson.IsModuleMade(dns.Link) || inUse != null)
            {
                changes.Add(Change("DnsZoneLink", JsonNodes.Text(dns.Link, "id") ?? target.LinkId, "Kept", inUse ?? "not made by Astro.Network"));
            }
            else
            {
                await DeleteAsync(JsonNodes.Text(dns.Link, "id") ?? target.LinkId, ct).ConfigureAwait(false);
                changes.Add(Change("DnsZoneLink", JsonNodes.Text(dns.Link, "id") ?? target.LinkId, Done("Remove"), null));
                linkRemoved = true;
            }

            var linksLeft = dns.Links.Count - (linkRemoved ? 1 : 0);
            if (dns.Zone == null)
            {
                changes.Add(Change("DnsZone", target.ZoneId, "Absent", null));
            }
            else if (!PrivateEndpointJson.IsModuleMade(dns.Zone) || inUse != null || linksLeft > 0)
            {
                changes.Add(Change("DnsZone", target.ZoneId, "Kept",
                    inUse ?? (linksLeft > 0 ? $"{linksLeft} VNet link(s) remain" : "not made by Astro.Network")));
            }
            else
            {
                await DeleteAsync(target.ZoneId, ct).ConfigureAwait(false);
                changes.Add(Change("DnsZone", target.ZoneId, Done("Remove"), null));
            }

            return changes;
        }

        private JsonObject Tags() => new JsonObject { [RemoteExecutionTarget.OwnerTag] = target.ClusterId };

        private string Done(string verb) => whatIf ? "Would" + verb : verb + "d";

        private Task PutAsync(string path, JsonObject body, string? ifMatch, CancellationToken ct) =>
            whatIf ? Task.CompletedTask : arm.PutAsync(path, ApiVersions.PrivateDns, body, ifMatch, ct);

        private Task DeleteAsync(string path, CancellationToken ct) =>
            whatIf ? Task.CompletedTask : arm.DeleteAsync(path, ApiVersions.PrivateDns, ct);
    }
}

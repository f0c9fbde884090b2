using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.RemoteExecution
{
    /// <summary>What the zone external.astronomer.run holds for one endpoint (privatedns.json 2020-06-01): zone, links, records.</summary>
    internal sealed class DnsState
    {
        public JsonObject? Zone { get; private set; }

        /// <summary>Every VNet link of the zone (empty when there is no zone).</summary>
        public IReadOnlyList<JsonObject> Links { get; private set; } = Array.Empty<JsonObject>();

        /// <summary>The link to the endpoint's VNet, under any name.</summary>
        public JsonObject? Link { get; private set; }

        /// <summary>The A record &lt;clusterId&gt; and its etag.</summary>
        public JsonObject? Record { get; private set; }

        public string? RecordETag { get; private set; }

        /// <summary>Record sets other than the SOA and this cluster's record.</summary>
        public int OtherRecords { get; private set; }

        public static async Task<DnsState> ReadAsync(IArmJsonClient arm, RemoteExecutionTarget target, CancellationToken ct)
        {
            var state = new DnsState { Zone = (await arm.GetAsync(target.ZoneId, ApiVersions.PrivateDns, ct).ConfigureAwait(false))?.Body };
            if (state.Zone == null)
            {
                return state;
            }

            state.Links = await arm.ListAsync(target.ZoneId + "/virtualNetworkLinks", ApiVersions.PrivateDns, ct).ConfigureAwait(false);
            state.Link = state.Links.FirstOrDefault(l => string.Equals(
                JsonNodes.Text(l["properties"]?["virtualNetwork"], "id"), target.VirtualNetworkId, StringComparison.OrdinalIgnoreCase));
            var records = await arm.ListAsync(target.ZoneId + "/ALL", ApiVersions.PrivateDns, ct).ConfigureAwait(false);
            var record = records.FirstOrDefault(r => IsRecord(r, "A") && string.Equals(JsonNodes.Text(r, "name"), target.ClusterId, StringComparison.OrdinalIgnoreCase));
            state.Record = record;
            state.RecordETag = record == null ? null : JsonNodes.Text(record, "etag");
            state.OtherRecords = records.Count(r => r != record && !IsRecord(r, "SOA"));
            return state;
        }

        public static string[] Addresses(JsonObject record) =>
            (record["properties"]?["aRecords"] as JsonArray ?? new JsonArray())
                .Select(a => JsonNodes.Text(a, "ipv4Address")).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!).ToArray();

        public static bool IsOwnedRecord(JsonObject record, string clusterId) => string.Equals(
            JsonNodes.Text(record["properties"]?["metadata"], RemoteExecutionTarget.OwnerMetadata), clusterId, StringComparison.OrdinalIgnoreCase);

        private static bool IsRecord(JsonObject record, string type) =>
            (JsonNodes.Text(record, "type") ?? "").EndsWith("/" + type, StringComparison.OrdinalIgnoreCase);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;
using Astro.Network.Engine.Discovery;

namespace Astro.Network.Engine
{
    /// <summary>How -SubscriptionId finds the supported resources.</summary>
    public enum DiscoveryMode
    {
        /// <summary>One paged Azure Resource Graph query over every subscription; Get/Test read the firewall from its rows where they carry it.</summary>
        ResourceGraph,

        /// <summary>One ARM list call per type and subscription, then a GET per resource (no Resource Graph permission or lag).</summary>
        ResourceList,
    }

    /// <summary>The supported resources found in some subscriptions, and (Resource Graph) their documents as it returned them.</summary>
    public sealed class ResourceDiscovery
    {
        internal ResourceDiscovery(IReadOnlyList<string> resourceIds, DiscoveryMode mode, IReadOnlyDictionary<string, JsonObject>? documents)
        {
            ResourceIds = resourceIds;
            Mode = mode;
            Documents = documents ?? new Dictionary<string, JsonObject>();
        }

        public IReadOnlyList<string> ResourceIds { get; }

        public DiscoveryMode Mode { get; }

        /// <summary>Resource ID (case-insensitive) -> the row, shaped like the resource's GET.</summary>
        internal IReadOnlyDictionary<string, JsonObject> Documents { get; }

        /// <summary>The query the module sends: the supported types, the columns an adapter reads, a stable order.</summary>
        internal static string Query(IEnumerable<string> resourceTypes) =>
            "resources | where type in~ (" + string.Join(", ", resourceTypes.Select(t => "'" + t.ToLowerInvariant() + "'")) + ")"
            + " | project id, name, type, subscriptionId, resourceGroup, location, sku, tags, properties, kind | order by id asc";

        internal static async Task<ResourceDiscovery> FindAsync(IReadOnlyList<string> subscriptionIds, IReadOnlyList<IFirewallAdapter> types,
            DiscoveryMode mode, Rest.ArmRestClient arm, Rest.PipelineSettings settings, IOperationLog log, CancellationToken ct)
        {
            if (mode == DiscoveryMode.ResourceGraph)
            {
                var rows = await new ResourceGraphClient(arm, settings, log).QueryAsync(Query(types.Select(t => t.ResourceType)), subscriptionIds, ct).ConfigureAwait(false);
                var documents = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
                foreach (var row in rows)
                {
                    if (JsonNodes.Text(row, "id") is { Length: > 0 } id)
                    {
                        documents[id] = row;
                    }
                }

                return new ResourceDiscovery(documents.Keys.ToList(), mode, documents);
            }

            var found = new List<string>();
            foreach (var subscription in subscriptionIds)
            {
                foreach (var adapter in types)
                {
                    var items = await arm.ListAsync($"/subscriptions/{subscription}/providers/{adapter.ResourceType}", adapter.ApiVersion, ct).ConfigureAwait(false);
                    found.AddRange(items.Select(i => JsonNodes.Text(i, "id")).Where(id => !string.IsNullOrEmpty(id))!);
                }
            }

            return new ResourceDiscovery(found.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), mode, null);
        }
    }
}

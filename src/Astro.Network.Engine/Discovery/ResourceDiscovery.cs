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

        internal static async Task<ResourceDiscovery> FindAsync(DiscoveryScope scope, IReadOnlyList<IFirewallAdapter> types,
            DiscoveryMode mode, Rest.ArmRestClient arm, Rest.PipelineSettings settings, IOperationLog log, CancellationToken ct)
        {
            CheckMode(scope, mode);
            if (mode == DiscoveryMode.ResourceGraph)
            {
                var rows = await new ResourceGraphClient(arm, settings, log).QueryAsync(Query(types.Select(t => t.ResourceType)), scope, ct).ConfigureAwait(false);
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

            var subscriptionIds = scope.SubscriptionIds;
            if (scope.IsTenant)
            {
                // Every subscription the caller can see: the listing path has to ask for them first (one paged list).
                var subscriptions = await arm.ListAsync("/subscriptions", ApiVersions.Resources, ct).ConfigureAwait(false);
                subscriptionIds = subscriptions.Select(s => JsonNodes.Text(s, "subscriptionId")).Where(s => !string.IsNullOrEmpty(s)).ToList()!;
                log.Verbose($"The caller can see {subscriptionIds.Count} subscription(s).");
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

        /// <summary>A management group's subscriptions are known to Resource Graph only: listing needs subscription IDs or the tenant.</summary>
        internal static void CheckMode(DiscoveryScope scope, DiscoveryMode mode)
        {
            if (mode == DiscoveryMode.ResourceList && scope.ManagementGroupIds.Count > 0)
            {
                throw new AstroNetworkException("ManagementGroupNeedsResourceGraph", FailureKind.InvalidArgument,
                    "-ManagementGroupId works through Resource Graph only: use -DiscoveryMode ResourceGraph, or -SubscriptionId with -DiscoveryMode ResourceList.",
                    string.Join(", ", scope.ManagementGroupIds));
            }
        }
    }
}

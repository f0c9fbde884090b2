using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.Discovery
{
    /// <summary>
    /// Azure Resource Graph queries (Microsoft.ResourceGraph/resources, shared azure-specs §9.8): one paged query over many
    /// subscriptions instead of a list call per type and subscription. Pages of up to 1,000 rows follow $skipToken with the
    /// same query and scopes; when the caller's quota for the window is spent (x-ms-user-quota-remaining 0), the next page
    /// waits x-ms-user-quota-resets-after (Microsoft Learn, "Guidance for throttled requests in Azure Resource Graph"); a 429
    /// is retried by the pipeline after its Retry-After.
    /// </summary>
    internal sealed class ResourceGraphClient
    {
        /// <summary>The service accepts at most this many subscriptions per request; more are queried in batches.</summary>
        public const int MaxSubscriptionsPerQuery = 1000;

        private const string Path = "/providers/Microsoft.ResourceGraph/resources";
        private static readonly TimeSpan MaxQuotaWait = TimeSpan.FromMinutes(1);
        private readonly ArmRestClient arm;
        private readonly int pageSize;
        private readonly IOperationLog? log;
        private readonly Func<TimeSpan, CancellationToken, Task> delay;

        public ResourceGraphClient(ArmRestClient arm, PipelineSettings settings, IOperationLog? log = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            this.arm = arm;
            pageSize = Math.Min(Math.Max(settings.ResourceGraphPageSize, 1), 1000);
            this.log = log;
            this.delay = delay ?? ((wait, ct) => Task.Delay(wait, ct));
        }

        /// <summary>
        /// Every row of <paramref name="query"/> over the scope: its subscriptions (in batches), its management groups (the
        /// request's <c>managementGroups</c>, descendants included), or neither (tenant scope: every subscription the caller can read).
        /// </summary>
        public async Task<IReadOnlyList<JsonObject>> QueryAsync(string query, DiscoveryScope scope, CancellationToken ct)
        {
            var rows = new List<JsonObject>();
            var subscriptionIds = scope.SubscriptionIds;
            var batches = subscriptionIds.Count == 0
                ? new List<IReadOnlyList<string>> { subscriptionIds }
                : subscriptionIds.Select((s, i) => (s, i)).GroupBy(x => x.i / MaxSubscriptionsPerQuery)
                    .Select(g => (IReadOnlyList<string>)g.Select(x => x.s).ToList()).ToList();
            foreach (var batch in batches)
            {
                string? skipToken = null;
                do
                {
                    var request = Request(query, batch, scope.ManagementGroupIds, skipToken, pageSize);
                    var response = await arm.PostAsync(Path, ApiVersions.ResourceGraph, request, ct).ConfigureAwait(false);
                    var body = response.Object ?? new JsonObject();
                    rows.AddRange((body["data"] as JsonArray ?? new JsonArray()).OfType<JsonObject>().Select(r => (JsonObject)r.DeepClone()));
                    skipToken = JsonNodes.Text(body, "$skipToken");
                    if (skipToken != null)
                    {
                        await WaitForQuotaAsync(response, ct).ConfigureAwait(false);
                    }
                }
                while (skipToken != null);
            }

            return rows;
        }

        private static JsonObject Request(string query, IReadOnlyList<string> subscriptions, IReadOnlyList<string> managementGroups, string? skipToken, int pageSize)
        {
            var options = new JsonObject { ["$top"] = pageSize, ["resultFormat"] = "objectArray" };
            if (skipToken != null)
            {
                options["$skipToken"] = skipToken;
            }

            var request = new JsonObject { ["query"] = query, ["options"] = options };
            if (subscriptions.Count > 0)
            {
                request["subscriptions"] = Strings(subscriptions);
            }
            else if (managementGroups.Count > 0)
            {
                request["managementGroups"] = Strings(managementGroups);
            }

            return request;
        }

        private static JsonArray Strings(IEnumerable<string> values) => new JsonArray(values.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());

        private async Task WaitForQuotaAsync(RestResponse response, CancellationToken ct)
        {
            if (!int.TryParse(response.Header("x-ms-user-quota-remaining"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var remaining) || remaining > 0)
            {
                return;
            }

            var wait = TimeSpan.TryParse(response.Header("x-ms-user-quota-resets-after"), CultureInfo.InvariantCulture, out var resets) ? resets : TimeSpan.FromSeconds(5);
            wait = wait > MaxQuotaWait ? MaxQuotaWait : wait;
            log?.Verbose($"Resource Graph quota for this window is spent; waiting {wait.TotalSeconds:0.#} s for it to reset before the next page.");
            await delay(wait, ct).ConfigureAwait(false);
        }
    }
}

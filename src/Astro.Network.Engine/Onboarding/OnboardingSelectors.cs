using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>
    /// Turns the file's Allowlist items into resource IDs: IDs as given; a resource group or tag selector through the
    /// existing Resource Graph discovery (its query is unchanged; the group or tag is matched on the rows it returns).
    /// A resource selected twice keeps the options of its first item.
    /// </summary>
    internal static class OnboardingSelectors
    {
        public static async Task<IReadOnlyList<(AllowlistTarget Target, string ResourceId)>> ResolveAsync(IReadOnlyList<AllowlistTarget> targets,
            IOperationLog log, CancellationToken ct)
        {
            var found = new List<(AllowlistTarget, string)>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var target in targets)
            {
                var ids = target.ResourceId != null ? new[] { target.ResourceId } : await SelectAsync(target, log, ct).ConfigureAwait(false);
                if (ids.Count == 0)
                {
                    log.Warning($"Allowlist item {target.Key} ({Describe(target)}) selects no supported resource.");
                }

                found.AddRange(ids.Where(seen.Add).Select(id => (target, id)));
            }

            return found;
        }

        private static async Task<IReadOnlyList<string>> SelectAsync(AllowlistTarget target, IOperationLog log, CancellationToken ct)
        {
            var subscriptions = target.ResourceGroup != null ? new[] { target.ResourceGroup.Split('/')[2] } : target.SubscriptionIds;
            var scope = subscriptions.Count == 0 ? DiscoveryScope.Tenant : DiscoveryScope.Subscriptions(subscriptions);
            var discovery = await AllowlistEngine.DiscoverAsync(scope, target.Types, DiscoveryMode.ResourceGraph, log, ct).ConfigureAwait(false);
            return discovery.ResourceIds.Where(id => Matches(target, id, discovery.Documents.TryGetValue(id, out var row) ? row : null)).ToList();
        }

        private static bool Matches(AllowlistTarget target, string id, JsonObject? row)
        {
            if (target.ResourceGroup != null)
            {
                return id.StartsWith(target.ResourceGroup + "/providers/", StringComparison.OrdinalIgnoreCase);
            }

            // Tag names compare case-insensitively in Azure; values as written.
            var tags = row?["tags"] as JsonObject;
            var tag = tags?.FirstOrDefault(t => string.Equals(t.Key, target.TagName, StringComparison.OrdinalIgnoreCase));
            return tag?.Key != null && (target.TagValue == null || string.Equals(JsonNodes.Text(tag.Value.Value), target.TagValue, StringComparison.Ordinal));
        }

        private static string Describe(AllowlistTarget target) =>
            target.ResourceGroup != null ? "resource group " + target.ResourceGroup : "tag " + target.TagName + (target.TagValue == null ? "" : "=" + target.TagValue);
    }
}

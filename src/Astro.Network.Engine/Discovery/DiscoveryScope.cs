using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine
{
    /// <summary>Where discovery looks: some subscriptions, the subscriptions under some management groups, or every subscription the caller can see.</summary>
    public sealed class DiscoveryScope
    {
        private DiscoveryScope(IReadOnlyList<string> subscriptionIds, IReadOnlyList<string> managementGroupIds)
        {
            SubscriptionIds = subscriptionIds;
            ManagementGroupIds = managementGroupIds;
        }

        public IReadOnlyList<string> SubscriptionIds { get; }

        /// <summary>Management group names (IDs), as Resource Graph's <c>managementGroups</c> takes them; their descendants are included.</summary>
        public IReadOnlyList<string> ManagementGroupIds { get; }

        /// <summary>Neither subscriptions nor management groups: every subscription of the signed-in tenant the caller can read.</summary>
        public bool IsTenant => SubscriptionIds.Count == 0 && ManagementGroupIds.Count == 0;

        public static DiscoveryScope Subscriptions(IEnumerable<string> subscriptionIds) => new DiscoveryScope(Distinct(subscriptionIds), new string[0]);

        public static DiscoveryScope ManagementGroups(IEnumerable<string> managementGroupIds) => new DiscoveryScope(new string[0], Distinct(managementGroupIds));

        public static DiscoveryScope Tenant { get; } = new DiscoveryScope(new string[0], new string[0]);

        public override string ToString() =>
            ManagementGroupIds.Count > 0 ? $"{ManagementGroupIds.Count} management group(s)"
            : SubscriptionIds.Count > 0 ? $"{SubscriptionIds.Count} subscription(s)"
            : "every subscription the caller can see";

        private static IReadOnlyList<string> Distinct(IEnumerable<string> ids) =>
            ids.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }
}

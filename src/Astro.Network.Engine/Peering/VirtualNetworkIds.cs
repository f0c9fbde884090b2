using System;
using System.Collections.Generic;
using System.Linq;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.Peering
{
    /// <summary>A VNet ID in canonical form and the three scopes role grants use (VNet, its resource group, its subscription).</summary>
    internal sealed class VirtualNetworkIds
    {
        public const string ResourceType = "Microsoft.Network/virtualNetworks";

        private VirtualNetworkIds(string subscriptionId, string resourceGroupName, string name)
        {
            SubscriptionId = subscriptionId;
            ResourceGroupName = resourceGroupName;
            Name = name;
        }

        public string SubscriptionId { get; }

        public string ResourceGroupName { get; }

        public string Name { get; }

        public string SubscriptionScope => "/subscriptions/" + SubscriptionId;

        public string ResourceGroupId => SubscriptionScope + "/resourceGroups/" + ResourceGroupName;

        public string Id => ResourceGroupId + "/providers/" + ResourceType + "/" + Name;

        public static VirtualNetworkIds Compose(string subscriptionId, string resourceGroupName, string name) =>
            Parse($"/subscriptions/{subscriptionId?.Trim()}/resourceGroups/{resourceGroupName?.Trim()}/providers/{ResourceType}/{name?.Trim()}");

        /// <summary>Any casing in; InvalidResourceId for bad syntax, WrongResourceType for an ID of another type.</summary>
        public static VirtualNetworkIds Parse(string? input)
        {
            var parsed = ResourceId.Parse(input);
            if (!string.Equals(parsed.ResourceType, ResourceType, StringComparison.OrdinalIgnoreCase))
            {
                throw PeeringErrors.WrongResourceType(input, parsed.ResourceType);
            }

            var parts = parsed.Id.Trim('/').Split('/');
            if (parts.Length != 8 || !Is(parts[2], "resourceGroups"))
            {
                throw PeeringErrors.InvalidVirtualNetworkId(input, "a VNet ID names a subscription, a resource group and the VNet");
            }

            if (!Guid.TryParseExact(parts[1], "D", out var subscription))
            {
                throw PeeringErrors.InvalidVirtualNetworkId(input, $"subscription '{parts[1]}' is not a GUID");
            }

            return new VirtualNetworkIds(subscription.ToString("D"), parts[3], parts[7]);
        }

        public string ScopeId(PeeringScope scope) => scope switch
        {
            PeeringScope.VirtualNetwork => Id,
            PeeringScope.ResourceGroup => ResourceGroupId,
            PeeringScope.Subscription => SubscriptionScope,
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown peering scope."),
        };

        public IReadOnlyList<KeyValuePair<PeeringScope, string>> ScopeIds(IEnumerable<PeeringScope> scopes) =>
            scopes.Distinct().Select(s => new KeyValuePair<PeeringScope, string>(s, ScopeId(s))).ToList();

        public override string ToString() => Id;

        private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.Peering
{
    /// <summary>The roles the module grants Astronomer for peering, and the marks it leaves on what it creates.</summary>
    internal static class PeeringRoleSet
    {
        public const string NetworkContributorName = "Network Contributor";

        /// <summary>Identifies the custom role definitions this module created (only those are ever deleted).</summary>
        public const string CustomRoleDescription = "Created by Astro.Network for Astronomer VNet peering. Delete after the peering is Connected.";

        /// <summary>Astronomer's documented least-privilege actions for "Astro VNET Peering Contributor" (the current page lists eight: ../shared/astro/README.md).</summary>
        public static readonly IReadOnlyList<string> CustomRoleActions = new[]
        {
            "Microsoft.Resources/subscriptions/resourceGroups/read",
            "Microsoft.Resources/subscriptions/read",
            "Microsoft.Network/virtualNetworks/read",
            "Microsoft.Network/virtualNetworks/write",
            "Microsoft.Network/virtualNetworks/peer/action",
            "Microsoft.Network/virtualNetworks/virtualNetworkPeerings/write",
            "Microsoft.Network/virtualNetworks/virtualNetworkPeerings/read",
            "Microsoft.Network/virtualHubs/hubVirtualNetworkConnections/read",
        };

        public static bool IsModuleCreated(string? description) =>
            description != null && description.StartsWith("Created by Astro.Network", StringComparison.Ordinal);

        /// <summary>Grant defaults: the three scopes of the original instructions, or the subscription the custom role is made for.</summary>
        public static IReadOnlyList<PeeringScope> ScopesFor(PeeringRoleMode mode, IReadOnlyList<PeeringScope>? requested) =>
            requested != null && requested.Count > 0
                ? requested.Distinct().ToList()
                : mode == PeeringRoleMode.Custom
                    ? new[] { PeeringScope.Subscription }
                    : AllScopes;

        public static IReadOnlyList<PeeringScope> AllScopes { get; } = new[] { PeeringScope.VirtualNetwork, PeeringScope.ResourceGroup, PeeringScope.Subscription };
    }
}

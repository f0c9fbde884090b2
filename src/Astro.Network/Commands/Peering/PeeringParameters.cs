using System;
using System.Collections.Generic;
using System.Linq;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Peering
{
    /// <summary>Turns -Scope and -RoleMode strings into engine values (ValidateSet keeps the names in the cmdlets' help).</summary>
    internal static class PeeringParameters
    {
        public const string VirtualNetwork = nameof(PeeringScope.VirtualNetwork);
        public const string ResourceGroup = nameof(PeeringScope.ResourceGroup);
        public const string Subscription = nameof(PeeringScope.Subscription);
        public const string NetworkContributor = nameof(PeeringRoleMode.NetworkContributor);
        public const string Custom = nameof(PeeringRoleMode.Custom);

        /// <summary>The scopes asked for, in the seed's order; none given = the role mode's default.</summary>
        public static IReadOnlyList<PeeringScope> Scopes(string[]? scope, PeeringRoleMode mode)
        {
            if (scope == null || scope.Length == 0)
            {
                return mode == PeeringRoleMode.Custom
                    ? new[] { PeeringScope.Subscription }
                    : new[] { PeeringScope.VirtualNetwork, PeeringScope.ResourceGroup, PeeringScope.Subscription };
            }
            var wanted = new HashSet<PeeringScope>(scope.Select(s => (PeeringScope)Enum.Parse(typeof(PeeringScope), s, ignoreCase: true)));
            return new[] { PeeringScope.VirtualNetwork, PeeringScope.ResourceGroup, PeeringScope.Subscription }.Where(wanted.Contains).ToList();
        }

        public static PeeringRoleMode RoleMode(string? roleMode) =>
            (PeeringRoleMode)Enum.Parse(typeof(PeeringRoleMode), roleMode ?? NetworkContributor, ignoreCase: true);
    }
}

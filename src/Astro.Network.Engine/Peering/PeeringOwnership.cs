using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.Peering
{
    /// <summary>
    /// The ownership record of a peering role assignment, kept in the assignment's description (ARM lets a PUT to the same
    /// assignment name change only the description: recording authorization/test_role_assignment_create_update.yaml · 12).
    /// The module's assignments start with <see cref="Marker"/> and end with the VNets they serve, so an assignment at the
    /// resource group or subscription that two peerings share is only deleted when the last of them is revoked.
    /// An assignment without the marker was made by someone else (by hand, by az, before this module) and is never
    /// deleted unless the caller asks for it explicitly.
    /// </summary>
    internal static class PeeringOwnership
    {
        public const string Marker = "Astro.Network:";
        private const string Text = Marker + " temporary role for Astronomer VNet peering; remove with Remove-AstroPeeringRole once the peering is Connected.";
        private const string ForLabel = " For:";

        /// <summary>Role assignment descriptions are limited in length; beyond this many VNets the record stops growing.</summary>
        public const int MaxVirtualNetworks = 8;

        public static bool IsModuleMade(string? description) =>
            description != null && description.StartsWith(Marker, StringComparison.Ordinal);

        /// <summary>The VNets the module recorded; empty for an assignment an earlier version made without the list.</summary>
        public static IReadOnlyList<string> VirtualNetworks(string? description)
        {
            if (!IsModuleMade(description)) return Array.Empty<string>();
            var at = description!.IndexOf(ForLabel, StringComparison.Ordinal);
            return at < 0
                ? Array.Empty<string>()
                : description.Substring(at + ForLabel.Length).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        }

        public static string Describe(IEnumerable<string> virtualNetworkIds)
        {
            var ids = virtualNetworkIds.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxVirtualNetworks).ToList();
            return ids.Count == 0 ? Text : Text + ForLabel + " " + string.Join(" ", ids);
        }

        public static bool Serves(string? description, string virtualNetworkId) =>
            VirtualNetworks(description).Contains(virtualNetworkId, StringComparer.OrdinalIgnoreCase);

        /// <summary>The record with <paramref name="virtualNetworkId"/> added (the same text when already there).</summary>
        public static string With(string? description, string virtualNetworkId) =>
            Describe(VirtualNetworks(description).Concat(new[] { virtualNetworkId }));

        /// <summary>The VNets other than <paramref name="virtualNetworkId"/> that still need the assignment.</summary>
        public static IReadOnlyList<string> Others(string? description, string virtualNetworkId) =>
            VirtualNetworks(description).Where(v => !string.Equals(v, virtualNetworkId, StringComparison.OrdinalIgnoreCase)).ToList();
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.AzureAccess;

namespace Astro.Network.Engine
{
    /// <summary>An Azure resource as tab completion shows it.</summary>
    public sealed class AzureResourceName
    {
        public AzureResourceName(string id, string name, string? location)
        {
            Id = id;
            Name = name;
            Location = location;
        }

        public string Id { get; }
        public string Name { get; }
        public string? Location { get; }
    }

    /// <summary>
    /// Resources of one type in the connected subscription, for tab completion: one list call, and only when already
    /// signed in (a Tab must never start a sign-in).
    /// </summary>
    public static class AzureResourceNames
    {
        private static readonly Dictionary<string, string> ApiVersionOf = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Microsoft.Network/virtualNetworks"] = ApiVersions.Network,
            ["Microsoft.ManagedIdentity/userAssignedIdentities"] = ApiVersions.ManagedIdentity,
        };

        public static async Task<IReadOnlyList<AzureResourceName>> ListAsync(string resourceType, IOperationLog log, CancellationToken ct)
        {
            if (AzureSession.Current?.SubscriptionId == null || !ApiVersionOf.TryGetValue(resourceType, out var apiVersion))
            {
                return Array.Empty<AzureResourceName>();
            }

            var context = await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false);
            var items = await context.Arm.ListAsync($"/subscriptions/{context.SubscriptionId}/providers/{resourceType}", apiVersion, ct).ConfigureAwait(false);
            return items
                .Select(i => new AzureResourceName((string?)i["id"] ?? "", (string?)i["name"] ?? "", (string?)i["location"]))
                .Where(r => r.Id.Length > 0)
                .ToList();
        }
    }
}

using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>How one Azure resource type stores its IP allowlist: read it, shape new entries, write a plan back.</summary>
    internal interface IFirewallAdapter
    {
        /// <summary>"Microsoft.Storage/storageAccounts".</summary>
        string ResourceType { get; }

        string ApiVersion { get; }

        AllowlistCapabilities Capabilities { get; }

        /// <summary>Reads the current entries; throws AllowlistResourceNotFound when the resource does not exist.</summary>
        Task<FirewallSnapshot> ReadAsync(IArmJsonClient arm, ArmResourceId resource, FirewallOptions options, CancellationToken ct);

        /// <summary>A new entry for <paramref name="range"/> owned by <paramref name="owner"/>, in the service's item shape, named uniquely among <paramref name="siblings"/>.</summary>
        FirewallEntry CreateEntry(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options);

        /// <summary>Writes <see cref="AllowlistPlan.EntriesAfter"/> (whole list, or per-rule calls), with If-Match where the object has an ETag.</summary>
        Task WriteAsync(IArmJsonClient arm, FirewallSnapshot before, AllowlistPlan plan, FirewallOptions options, CancellationToken ct);

        /// <summary>
        /// What the firewall does with <paramref name="entries"/> (as read, or as a plan would leave them), judged from the
        /// documents read: the one place each type says when it is open, ignores its entries or refuses a write.
        /// </summary>
        AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context);
    }
}

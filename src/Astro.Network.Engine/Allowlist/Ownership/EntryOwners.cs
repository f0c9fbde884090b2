using System;
using System.Text.RegularExpressions;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// Who an allowlist entry belongs to: an Astro source (the Deployment or cluster ID the IPs came from),
    /// <see cref="Manual"/> for IPs given by hand, or <see cref="Legacy"/> for entries an earlier version of the module
    /// wrote without a source. An entry with no owner is someone else's and is never changed or removed.
    /// </summary>
    internal static class EntryOwners
    {
        public const string Manual = "manual";

        /// <summary>"astro-{address}" rules from before source ownership: adopted only when the user asks (-AdoptExisting).</summary>
        public const string Legacy = "legacy";

        /// <summary>Astro IDs are lowercase cuids (25 characters); the bound keeps every name within MySQL's 80 characters.</summary>
        public const string Pattern = "[A-Za-z0-9]{1,40}";

        private static readonly Regex Valid = new Regex("^" + Pattern + "$", RegexOptions.CultureInvariant);

        /// <summary>Tag names and rule names compare case-insensitively, so owners are kept in lowercase.</summary>
        public static string Normalize(string owner) => owner.ToLowerInvariant();

        /// <summary>The owner for a source ID given by the caller (null or empty: <see cref="Manual"/>); throws InvalidSourceId.</summary>
        public static string ForSource(string? sourceId)
        {
            if (string.IsNullOrWhiteSpace(sourceId))
            {
                return Manual;
            }

            var trimmed = sourceId!.Trim();
            if (!Valid.IsMatch(trimmed) || string.Equals(trimmed, Legacy, StringComparison.OrdinalIgnoreCase))
            {
                throw new AstroNetworkException("InvalidSourceId", FailureKind.InvalidArgument,
                    $"'{sourceId}' is not an Astro Deployment or cluster ID (letters and digits, at most 40), nor '{Manual}'. Get-AstroDeployment and Get-AstroCluster list the IDs.",
                    sourceId);
            }

            return Normalize(trimmed);
        }
    }
}

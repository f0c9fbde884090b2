using System.Collections.Generic;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// The checks between plan and write, all decided by <see cref="AccessAssessment"/> before and after the plan: a refused
    /// write, an open resource a list would close, a closed one it would open, and entries that would have no effect.
    /// </summary>
    internal static class AccessGuards
    {
        /// <summary>Throws when the plan must not be written; otherwise the warnings a forced write carries.</summary>
        public static IReadOnlyList<string> Check(IFirewallAdapter adapter, FirewallSnapshot before, AllowlistPlan plan,
            AccessAssessment now, AccessAssessment after, bool force)
        {
            var warnings = new List<string>();
            if (!plan.HasChanges)
            {
                return warnings;
            }

            var resource = before.Resource;
            if (now.State == EffectiveAccess.WriteRefused)
            {
                throw AllowlistErrors.AccessRefusal(resource, now);
            }

            if (now.State == EffectiveAccess.Restricted && after.State == EffectiveAccess.Open)
            {
                throw AllowlistErrors.WouldOpen(resource, adapter.ResourceType);
            }

            if (now.State == EffectiveAccess.Open && after.State == EffectiveAccess.Restricted)
            {
                if (!force)
                {
                    throw AllowlistErrors.WouldRestrict(resource, adapter.ResourceType);
                }

                warnings.Add($"'{resource.Name}' admitted every address; now only the listed addresses are admitted and every other address is locked out.");
            }

            if (plan.AddedEntries.Count > 0 && after.State == EffectiveAccess.RulesIgnored)
            {
                if (!force)
                {
                    throw AllowlistErrors.AccessRefusal(resource, after, "Run again with -Force to write the entries anyway.");
                }

                warnings.Add(after.Reason);
            }

            return warnings;
        }
    }
}

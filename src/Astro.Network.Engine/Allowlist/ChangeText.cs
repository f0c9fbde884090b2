using System.Linq;

namespace Astro.Network.Engine
{
    /// <summary>The words a confirmation, -WhatIf and an onboarding plan use: only what would really be written, and why nothing when so.</summary>
    public static class ChangeText
    {
        public static bool HasWork(AllowlistChange plan) => plan.Added.Length > 0 || plan.Removed.Length > 0 || plan.OwnerChanges.Length > 0;

        /// <summary>The change closes a resource that admitted every address.</summary>
        public static bool LocksOut(AllowlistChange plan) =>
            plan.EffectiveAccessBefore == EffectiveAccess.Open && plan.EffectiveAccess == EffectiveAccess.Restricted;

        public static string Describe(AllowlistChange plan)
        {
            var parts = new[]
            {
                plan.Added.Length > 0 ? "add " + List(plan.Added) : null,
                plan.Removed.Length > 0 ? "remove " + List(plan.Removed) : null,
                plan.OwnerChanges.Length > 0 ? "record " + List(plan.OwnerChanges) : null,
            }.Where(p => p != null).ToList();
            if (parts.Count == 0)
            {
                parts.Add(plan.Operation == "Remove" ? "nothing to remove" : "nothing to add");
            }
            if (plan.AlreadyPresent.Length > 0)
            {
                parts.Add($"{plan.AlreadyPresent.Length} already present");
            }
            if (plan.NotPresent.Length > 0)
            {
                parts.Add($"{plan.NotPresent.Length} not present");
            }
            if (plan.Kept.Length > 0)
            {
                parts.Add($"{plan.Kept.Length} kept (not this source's)");
            }
            return $"{plan.Operation} allowlist entries on {plan.ResourceName}: {string.Join("; ", parts)}";
        }

        private static string List(string[] ips) =>
            ips.Length <= 4 ? string.Join(", ", ips) : string.Join(", ", ips.Take(4)) + $" and {ips.Length - 4} more";
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Astro.Network.Engine;

namespace Astro.Network
{
    /// <summary>
    /// Test-AstroAllowlist -Summary: one object for many resources, counts per state and per type. The states do not
    /// overlap: Allowed and Missing are resources whose firewall is in force (EffectiveAccess Restricted) with all or not
    /// all of the tested IPs; Open, RulesIgnored and WriteRefused are the other effective-access states; Failed could not be read.
    /// </summary>
    public sealed class AllowlistTestSummary : AllowlistStateCounts
    {
        public string? Source { get; set; }

        /// <summary>The same counts for each resource type, most resources first.</summary>
        public AllowlistTypeSummary[] ByType { get; set; } = new AllowlistTypeSummary[0];

        /// <summary>The resources a runbook can fix with Add-AstroAllowlist (firewall in force, tested IPs missing).</summary>
        public string[] MissingResourceIds { get; set; } = new string[0];

        /// <summary>Resources holding entries the tested source owns at IPs Astro no longer reports (any state): Sync-AstroAllowlist retires them.</summary>
        public string[] StaleResourceIds { get; set; } = new string[0];

        public int Stale => StaleResourceIds.Length;

        public override string ToString() =>
            $"{Total} resources: {Allowed} allowed, {Missing} missing, {RulesIgnored} rules ignored, {Open} open, {WriteRefused} write refused, {Failed} failed; {Stale} with stale entries";

        public static AllowlistTestSummary From(IReadOnlyList<ResourceOutcome<AllowlistTestResult>> outcomes, string? source)
        {
            var byType = outcomes.GroupBy(o => o.Value?.ResourceType ?? TypeOf(o.ResourceId), StringComparer.OrdinalIgnoreCase)
                .Select(g => Count(new AllowlistTypeSummary { ResourceType = g.Key }, g))
                .OrderByDescending(t => t.Total).ThenBy(t => t.ResourceType, StringComparer.OrdinalIgnoreCase).ToArray();
            var summary = new AllowlistTestSummary
            {
                Source = source,
                ByType = byType,
                MissingResourceIds = outcomes.Where(o => StateOf(o) == nameof(Missing)).Select(o => o.ResourceId).ToArray(),
                StaleResourceIds = outcomes.Where(o => o.Value?.Stale.Length > 0).Select(o => o.ResourceId).ToArray(),
            };
            foreach (var outcome in outcomes)
            {
                summary.Count(StateOf(outcome));
            }
            return summary;
        }

        private static AllowlistTypeSummary Count(AllowlistTypeSummary type, IEnumerable<ResourceOutcome<AllowlistTestResult>> outcomes)
        {
            foreach (var outcome in outcomes)
            {
                type.Count(StateOf(outcome));
            }
            return type;
        }

        private static string StateOf(ResourceOutcome<AllowlistTestResult> outcome) => outcome.Value switch
        {
            null => nameof(Failed),
            { EffectiveAccess: EffectiveAccess.Restricted, Allowed: true } => nameof(Allowed),
            { EffectiveAccess: EffectiveAccess.Restricted } => nameof(Missing),
            var value => value.EffectiveAccess.ToString(),
        };

        private static string TypeOf(string resourceId)
        {
            try
            {
                return Engine.Allowlist.ArmResourceId.Parse(resourceId).ResourceType;
            }
            catch (AstroNetworkException)
            {
                return "";
            }
        }
    }

    /// <summary>One resource type's counts in an <see cref="AllowlistTestSummary"/>.</summary>
    public sealed class AllowlistTypeSummary : AllowlistStateCounts
    {
        public string ResourceType { get; set; } = "";
    }

    /// <summary>Resources per state (see <see cref="AllowlistTestSummary"/>).</summary>
    public abstract class AllowlistStateCounts
    {
        public int Total { get; set; }
        public int Allowed { get; set; }
        public int Missing { get; set; }
        public int RulesIgnored { get; set; }
        public int Open { get; set; }
        public int WriteRefused { get; set; }
        public int Failed { get; set; }

        internal void Count(string state)
        {
            Total++;
            switch (state)
            {
                case nameof(Allowed): Allowed++; break;
                case nameof(Missing): Missing++; break;
                case nameof(RulesIgnored): RulesIgnored++; break;
                case nameof(Open): Open++; break;
                case nameof(WriteRefused): WriteRefused++; break;
                default: Failed++; break;
            }
        }
    }
}

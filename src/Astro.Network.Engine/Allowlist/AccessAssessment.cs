using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network
{
    /// <summary>What a resource's firewall really does for Astro's addresses, read from the resource itself.</summary>
    public enum EffectiveAccess
    {
        /// <summary>Only the listed entries are admitted.</summary>
        Restricted,
        /// <summary>Every address is admitted (e.g. an empty list on Cosmos DB, App Service, AKS, Event Hubs/Service Bus).</summary>
        Open,
        /// <summary>Entries can be written but have no effect (public access disabled, defaultAction Allow, same region).</summary>
        RulesIgnored,
        /// <summary>The service refuses the write in its current configuration (SKU, tier, private access).</summary>
        WriteRefused,
    }
}

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>One resource's <see cref="EffectiveAccess"/> with a stable cause id (also the ErrorId of a refusal) and the reason.</summary>
    internal sealed class AccessAssessment
    {
        public AccessAssessment(EffectiveAccess state, string causeId, string reason)
        {
            State = state;
            CauseId = causeId;
            Reason = reason;
        }

        public EffectiveAccess State { get; }

        /// <summary>Stable id, e.g. AllowlistPublicAccessDisabled; guards use it as the ErrorId.</summary>
        public string CauseId { get; }

        public string Reason { get; }

        public static AccessAssessment InForce(ArmResourceId resource) => new AccessAssessment(EffectiveAccess.Restricted, "AllowlistInForce",
            $"'{resource.Name}' admits only the addresses its firewall lists.");

        public static AccessAssessment EmptyMeansOpen(ArmResourceId resource, string why) => new AccessAssessment(EffectiveAccess.Open, "AllowlistEmptyMeansOpen",
            $"'{resource.Name}' admits every address on the internet: {why}");

        public static AccessAssessment DefaultActionAllow(ArmResourceId resource) => new AccessAssessment(EffectiveAccess.RulesIgnored, "AllowlistDefaultActionAllow",
            $"The firewall of '{resource.Name}' admits every address (its defaultAction is Allow): IP entries have no effect until it is Deny.");

        public static AccessAssessment PublicAccessIgnored(ArmResourceId resource) => new AccessAssessment(EffectiveAccess.RulesIgnored, "AllowlistPublicAccessDisabled",
            $"Public network access to '{resource.Name}' is disabled: no address reaches it over the internet and IP entries have no effect. Connect Astro through a private endpoint, or enable public access first.");

        /// <summary>Reads publicNetworkAccess and defaultAction, the two switches that make IP entries moot on most list types.</summary>
        public static AccessAssessment? PublicAccessOrDefaultAction(ArmResourceId resource, string? publicNetworkAccess, string? defaultAction)
        {
            if (string.Equals(publicNetworkAccess, "Disabled", StringComparison.OrdinalIgnoreCase))
            {
                return PublicAccessIgnored(resource);
            }

            return string.Equals(defaultAction, "Allow", StringComparison.OrdinalIgnoreCase) ? DefaultActionAllow(resource) : null;
        }

        public static AccessAssessment Refused(string causeId, string reason) => new AccessAssessment(EffectiveAccess.WriteRefused, causeId, reason);

        public static AccessAssessment Ignored(string causeId, string reason) => new AccessAssessment(EffectiveAccess.RulesIgnored, causeId, reason);
    }

    /// <summary>What the caller knows beyond the resource: the Azure regions Astro's egress comes from (with -DeploymentId/-ClusterId).</summary>
    internal sealed class AccessContext
    {
        public static AccessContext None { get; } = new AccessContext(Array.Empty<string>());

        public AccessContext(IEnumerable<string?> astroRegions)
        {
            AstroRegions = astroRegions.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        public IReadOnlyList<string> AstroRegions { get; }

        /// <summary>The Astro region equal to <paramref name="location"/> (ARM spells "eastus2" or "East US 2"), or null.</summary>
        public string? SameRegionAs(string? location) =>
            location == null ? null : AstroRegions.FirstOrDefault(r => Canonical(r) == Canonical(location));

        private static string Canonical(string region) => new string(region.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
    }
}

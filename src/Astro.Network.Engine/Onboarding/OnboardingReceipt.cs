using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>
    /// The receipt of a run (JSON, one per file, rewritten by each run): what changed, what was already so, what was
    /// refused and why, what failed, what waits on Astronomer support, and the temporary grants to remove and when.
    /// </summary>
    internal static class OnboardingReceipt
    {
        public static string Write(OnboardingPlan plan, DateTimeOffset now)
        {
            var items = plan.Items;
            var receipt = new JsonObject
            {
                ["file"] = plan.Path,
                ["version"] = OnboardingSchema.Version,
                ["deploymentId"] = plan.DeploymentId,
                ["deploymentName"] = plan.DeploymentName,
                ["clusterId"] = plan.ClusterId,
                ["writtenAt"] = now.ToString("o"),
                // Complete: nothing failed or was skipped (refusals and waits are the file's answer, not left-over work).
                ["complete"] = items.All(i => i.Status != OnboardingStatus.Failed && i.Status != OnboardingStatus.Skipped),
                ["changed"] = List(items, OnboardingStatus.Done),
                ["alreadySo"] = List(items, OnboardingStatus.AlreadyDone),
                ["refused"] = List(items, OnboardingStatus.Refused),
                ["failed"] = List(items, OnboardingStatus.Failed),
                ["skipped"] = List(items, OnboardingStatus.Skipped),
                ["waitingOnAstronomer"] = List(items, OnboardingStatus.Waiting),
                ["temporaryGrants"] = new JsonArray(items
                    .Where(i => i.Action == "GrantRole" && (i.Status == OnboardingStatus.Done || i.Status == OnboardingStatus.AlreadyDone))
                    .Select(i => (JsonNode)new JsonObject
                    {
                        ["scope"] = i.Name,
                        ["scopeId"] = i.Target,
                        ["role"] = i.Detail,
                        ["removeWhen"] = "when the peering is Connected and FullyInSync (Wait-AstroVnetPeering)",
                        ["how"] = "re-run Invoke-AstroNetworkOnboarding on this file, or Remove-AstroPeeringRole",
                        ["nextStep"] = i.NextStep,
                    }).ToArray()),
            };
            // A file for people: quotes and '+' as they are (the default escaping is for HTML).
            return receipt.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }

        private static JsonArray List(IEnumerable<OnboardingItem> items, string status) => new JsonArray(items.Where(i => i.Status == status).Select(i =>
        {
            var entry = new JsonObject { ["area"] = i.Area, ["action"] = i.Action, ["target"] = i.Target, ["name"] = i.Name, ["detail"] = i.Detail };
            if (i.ErrorId != null) entry["errorId"] = i.ErrorId;
            if (i.NextStep != null) entry["nextStep"] = i.NextStep;
            if (i.TicketText != null) entry["ticketText"] = i.TicketText;
            return (JsonNode)entry;
        }).ToArray());
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Onboarding
{
    /// <summary>
    /// Applies an onboarding file: plans it, asks per resource or scope, writes what is missing (one item's failure does
    /// not stop the others), and writes the receipt. Every part is idempotent, so a re-run after a failure finishes it.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AstroNetworkOnboarding", SupportsShouldProcess = true)]
    [OutputType(typeof(OnboardingItem))]
    public sealed class InvokeAstroNetworkOnboardingCommand : OnboardingCmdlet
    {
        /// <summary>Where the receipt (JSON) goes; default: beside the file, "name.receipt.json". Rewritten by each run.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ReceiptPath { get; set; }

        protected override void ProcessItem()
        {
            var file = ReadFile();
            var receipt = ReceiptPath == null ? OnboardingEngine.DefaultReceiptPath(file.Path) : GetUnresolvedProviderPathFromPSPath(ReceiptPath);
            var plan = RunOrStop((log, ct) => OnboardingEngine.PlanAsync(file, log, ct));
            var approved = new List<string>();
            foreach (var unit in plan.Items.Where(i => i.IsToDo).GroupBy(OnboardingPlan.UnitOf))
            {
                var first = unit.First();
                var action = unit.Count() == 1 ? $"{first.Area}: {first.Detail}" : $"{first.Area}: {first.Action} {unit.Count()} ({string.Join(", ", unit.Select(i => i.Name))})";
                if (ShouldProcess(first.Target, action))
                {
                    approved.Add(unit.Key);
                }
            }

            Run((log, ct) => OnboardingEngine.ApplyAsync(plan, approved, log, ct));
            foreach (var item in plan.Items)
            {
                WriteObject(item);
            }

            foreach (var error in plan.Errors)
            {
                WriteError(ToErrorRecord(error));
            }

            if (ShouldProcess(receipt, "Write the onboarding receipt"))
            {
                System.IO.File.WriteAllText(receipt, OnboardingEngine.Receipt(plan));
                WriteInformation($"Receipt: {receipt}", new[] { "Receipt" });
            }
        }
    }
}

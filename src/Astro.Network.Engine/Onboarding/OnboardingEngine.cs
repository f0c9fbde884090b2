using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Onboarding;

namespace Astro.Network.Engine
{
    /// <summary>
    /// The onboarding cmdlets' entry point: check a file (no request), plan it by reading (allowlist, peering, Private
    /// Link, workload identity through their own engines' plan-only paths), apply what was confirmed, write the receipt,
    /// and write a file from what exists today.
    /// </summary>
    public static class OnboardingEngine
    {
        public const string FileInvalidErrorId = OnboardingErrors.FileInvalid;

        /// <summary>A problem of the file at a line and key (OnboardingFileInvalid, InvalidData): for the reader of the PowerShell AST too.</summary>
        public static AstroNetworkException Problem(string path, int line, string key, string message, object? target = null) =>
            OnboardingReader.Problem(path, line, key, message, target);

        /// <summary>Checks the parsed file; null with every problem (line and key in each message) when it does not pass.</summary>
        public static OnboardingDefinition? Read(OnboardingNode root, string path, out IReadOnlyList<AstroNetworkException> problems) =>
            OnboardingReader.Read(root, path, out problems) is { } spec ? new OnboardingDefinition(spec) : null;

        /// <summary>"f.psd1" -> "f.receipt.json" beside it.</summary>
        public static string DefaultReceiptPath(string path) =>
            System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path) ?? "", System.IO.Path.GetFileNameWithoutExtension(path) + ".receipt.json");

        /// <summary>Reads everything the file names and plans it; nothing is written. A Deployment or cluster that cannot be found stops it.</summary>
        public static async Task<OnboardingPlan> PlanAsync(OnboardingDefinition file, IOperationLog log, CancellationToken ct)
        {
            var context = new OnboardingContext(file.Spec, log);
            await ResolveSourceAsync(context, ct).ConfigureAwait(false);
            var steps = new OnboardingStep[] { new AllowlistStep(), new WorkloadIdentityStep(), new PeeringStep(), new PrivateLinkStep() };
            foreach (var step in steps)
            {
                await step.PlanAsync(context, ct).ConfigureAwait(false);
            }

            return new OnboardingPlan(context, steps);
        }

        /// <summary>Writes the plan's ToDo items whose unit (<see cref="OnboardingPlan.UnitOf"/>) is in <paramref name="approvedUnits"/>; one item's failure does not stop the others.</summary>
        public static async Task ApplyAsync(OnboardingPlan plan, IReadOnlyCollection<string> approvedUnits, IOperationLog log, CancellationToken ct)
        {
            var approved = new HashSet<string>(approvedUnits, StringComparer.OrdinalIgnoreCase);
            plan.Context.Log = log;
            foreach (var step in plan.Steps)
            {
                await step.ApplyAsync(plan.Context, i => approved.Contains(OnboardingPlan.UnitOf(i)), ct).ConfigureAwait(false);
            }
        }

        /// <summary>The receipt JSON of a run.</summary>
        public static string Receipt(OnboardingPlan plan) => OnboardingReceipt.Write(plan, DateTimeOffset.UtcNow);

        /// <summary>A file (text) describing what exists today for a Deployment or cluster.</summary>
        public static Task<OnboardingExport> ExportAsync(OnboardingExportRequest request, IOperationLog log, CancellationToken ct) =>
            OnboardingExporter.ExportAsync(request, log, ct);

        private static async Task ResolveSourceAsync(OnboardingContext context, CancellationToken ct)
        {
            var spec = context.Spec;
            if (spec.Deployment is { } reference)
            {
                var byName = await context.Astro.GetDeploymentsAsync(null, new[] { reference }, null, _ => { }, ct).ConfigureAwait(false);
                var matches = byName.Count > 0 ? byName : await context.Astro.GetDeploymentsAsync(reference, null, null, ct).ConfigureAwait(false);
                if (matches.Count > 1)
                {
                    throw OnboardingErrors.SourceAmbiguous(reference, matches.Count);
                }

                var deployment = matches.Single();
                context.DeploymentId = deployment.Id;
                context.DeploymentName = deployment.Name;
                context.ClusterId = deployment.ClusterId;
                return;
            }

            context.ClusterId = (await context.Astro.GetClustersAsync(spec.Cluster, null, ct).ConfigureAwait(false)).Single().Id;
        }
    }
}

using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Onboarding
{
    /// <summary>The plan of an onboarding file: every change per resource with the guards applied; reads only.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "AstroNetworkOnboarding")]
    [OutputType(typeof(OnboardingItem))]
    public sealed class TestAstroNetworkOnboardingCommand : OnboardingCmdlet
    {
        protected override void ProcessItem()
        {
            var file = ReadFile();
            var plan = RunOrStop((log, ct) => OnboardingEngine.PlanAsync(file, log, ct));
            // Refusals are the plan's answer (Status Refused, ErrorId); only what could not be read is an error.
            foreach (var item in plan.Items)
            {
                WriteObject(item);
            }

            foreach (var error in plan.Failures)
            {
                WriteError(ToErrorRecord(error));
            }
        }
    }
}

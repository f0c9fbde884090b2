using System.Collections.Generic;
using System.Linq;
using Astro.Network.Engine.Onboarding;

namespace Astro.Network.Engine
{
    /// <summary>A checked onboarding file, ready to plan (Read gives it; its content stays inside the engine).</summary>
    public sealed class OnboardingDefinition
    {
        internal OnboardingDefinition(OnboardingSpec spec) => Spec = spec;

        internal OnboardingSpec Spec { get; }

        public string Path => Spec.Path;
    }

    /// <summary>The plan of one file (and, after ApplyAsync, what the run did): items in file order, and the errors of Failed and Refused ones.</summary>
    public sealed class OnboardingPlan
    {
        internal OnboardingPlan(OnboardingContext context, IReadOnlyList<OnboardingStep> steps)
        {
            Context = context;
            Steps = steps;
        }

        internal OnboardingContext Context { get; }
        internal IReadOnlyList<OnboardingStep> Steps { get; }

        public string Path => Context.Spec.Path;
        public string? DeploymentId => Context.DeploymentId;
        public string? DeploymentName => Context.DeploymentName;
        public string? ClusterId => Context.ClusterId;

        public IReadOnlyList<OnboardingItem> Items => Steps.SelectMany(s => s.Items).ToList();

        /// <summary>The errors of Refused and Failed items.</summary>
        public IReadOnlyList<AstroNetworkException> Errors => Steps.SelectMany(s => s.Errors).Select(e => e.Value).ToList();

        /// <summary>The errors of Failed items only (what could not be read or written).</summary>
        public IReadOnlyList<AstroNetworkException> Failures =>
            Steps.SelectMany(s => s.Errors).Where(e => e.Key.Status == OnboardingStatus.Failed).Select(e => e.Value).ToList();

        /// <summary>The unit one confirmation covers: one resource, scope, identity or connection of one area.</summary>
        public static string UnitOf(OnboardingItem item) => item.Area + "|" + item.Target;
    }
}

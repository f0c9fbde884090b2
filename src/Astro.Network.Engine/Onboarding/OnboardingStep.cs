using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>What every step of a plan shares: the file, the Deployment or cluster it is for, the log.</summary>
    internal sealed class OnboardingContext
    {
        public OnboardingContext(OnboardingSpec spec, IOperationLog log)
        {
            Spec = spec;
            Log = log;
        }

        public OnboardingSpec Spec { get; }

        /// <summary>The log of the current engine call (planning and applying are two calls, each with its own).</summary>
        public IOperationLog Log { get; set; }

        public AstroService Astro => new AstroService(Log);
        public string? DeploymentId { get; set; }
        public string? DeploymentName { get; set; }
        public string? ClusterId { get; set; }

        /// <summary>The owner of the allowlist entries: the Deployment, else the cluster.</summary>
        public string SourceId => DeploymentId ?? ClusterId ?? "";

        public string ClusterOrThrow() => ClusterId ?? throw OnboardingErrors.NoCluster(DeploymentName ?? DeploymentId ?? "");
    }

    /// <summary>One area of the file (allowlist, peering, Private Link, workload identity): plan it by reading, then apply what was approved.</summary>
    internal abstract class OnboardingStep
    {
        private readonly Dictionary<OnboardingItem, AstroNetworkException> _errors = new Dictionary<OnboardingItem, AstroNetworkException>();

        protected OnboardingStep(string area) => Area = area;

        public string Area { get; }

        public List<OnboardingItem> Items { get; private set; } = new List<OnboardingItem>();

        public IEnumerable<KeyValuePair<OnboardingItem, AstroNetworkException>> Errors =>
            Items.Where(_errors.ContainsKey).Select(i => new KeyValuePair<OnboardingItem, AstroNetworkException>(i, _errors[i]));

        /// <summary>Reads and plans; a failure that stops the whole area becomes one Failed (or Refused) item.</summary>
        public async Task PlanAsync(OnboardingContext context, CancellationToken ct)
        {
            try
            {
                await PlanCoreAsync(context, ct).ConfigureAwait(false);
            }
            catch (AstroNetworkException ex)
            {
                Fail(Area, FallbackTarget(context), FallbackTarget(context).Split('/').Last(), ex);
            }
        }

        /// <summary>Writes the ToDo items whose target is approved; the others become Skipped. Every other item stays as planned.</summary>
        public async Task ApplyAsync(OnboardingContext context, Func<OnboardingItem, bool> approved, CancellationToken ct)
        {
            var planned = Items;
            var todo = planned.Where(i => i.IsToDo && approved(i)).ToList();
            Items = planned.Where(i => !todo.Contains(i)).ToList();
            foreach (var item in Items.Where(i => i.IsToDo))
            {
                item.Status = OnboardingStatus.Skipped;
            }

            if (todo.Count == 0)
            {
                return;
            }

            try
            {
                await ApplyCoreAsync(context, todo, ct).ConfigureAwait(false);
            }
            catch (AstroNetworkException ex)
            {
                foreach (var item in todo)
                {
                    Fail(item.Action, item.Target, item.Name, ex);
                }
            }
        }

        protected abstract Task PlanCoreAsync(OnboardingContext context, CancellationToken ct);

        /// <summary>Writes <paramref name="todo"/> (removed from Items) and adds the results.</summary>
        protected abstract Task ApplyCoreAsync(OnboardingContext context, IReadOnlyList<OnboardingItem> todo, CancellationToken ct);

        protected virtual string FallbackTarget(OnboardingContext context) => context.Spec.Path;

        protected OnboardingItem Add(string action, string target, string name, string status, string detail)
        {
            var item = new OnboardingItem { Area = Area, Action = action, Target = target, Name = name, Status = status, Detail = detail };
            Items.Add(item);
            return item;
        }

        /// <summary>A refusal (the module or Azure would not write it) or a failure (it could not be read or written).</summary>
        protected OnboardingItem Fail(string action, string target, string name, AstroNetworkException ex)
        {
            var item = Add(action, target, name, IsRefusal(ex) ? OnboardingStatus.Refused : OnboardingStatus.Failed, ex.Message);
            item.ErrorId = ex.ErrorId;
            _errors[item] = ex;
            return item;
        }

        private static bool IsRefusal(AstroNetworkException ex) => ex.Status == null && ex.Kind switch
        {
            FailureKind.InvalidOperation => true,
            FailureKind.InvalidArgument => true,
            FailureKind.SecurityError => true,
            FailureKind.LimitsExceeded => true,
            FailureKind.ResourceBusy => true,
            _ => false,
        };

        protected static string NameOf(string id) => id.TrimEnd('/').Split('/').Last();
    }
}

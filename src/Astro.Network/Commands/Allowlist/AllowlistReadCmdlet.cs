using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Allowlist
{
    /// <summary>Get and Test: resources by ID or discovered in whole subscriptions; IPs from Astro or given.</summary>
    public abstract class AllowlistReadCmdlet : AllowlistCmdlet
    {
        protected const string ByResourceId = "ByResourceId";
        protected const string BySubscription = "BySubscription";

        [Parameter(ParameterSetName = ByResourceId, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] ResourceId { get; set; } = null!;

        /// <summary>Look at every supported resource in these subscriptions.</summary>
        [Parameter(ParameterSetName = BySubscription, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[] SubscriptionId { get; set; } = null!;

        /// <summary>With -SubscriptionId: only these resource types (e.g. Microsoft.Storage/storageAccounts).</summary>
        [Parameter(ParameterSetName = BySubscription)]
        [ValidateNotNullOrEmpty]
        public string[]? ResourceType { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[]? IpAddress { get; set; }

        /// <summary>The IPs of this Deployment; bound by property name from Get-AstroDeployment output.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string? DeploymentId { get; set; }

        /// <summary>The IPs of this cluster; bound by property name from Get-AstroCluster output.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string? ClusterId { get; set; }

        /// <summary>Network security groups: the port whose Astro rule to read (as given to Add-AstroAllowlist -Port).</summary>
        [Parameter]
        public string? Port { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = AllowlistEngine.DefaultThrottleLimit;

        protected override void ProcessItem()
        {
            if (ParameterSetName == ByResourceId) CollectResources(ResourceId);
            CollectIps(IpAddress);
            CollectSource(DeploymentId, ClusterId);
        }

        protected override void EndItems()
        {
            var ips = ResolveIps();
            IReadOnlyList<string> resources = CollectedResourceIds;
            if (ParameterSetName == BySubscription)
            {
                resources = Run((log, ct) => AllowlistEngine.DiscoverAsync(SubscriptionId, ResourceType, log, ct));
                WriteVerbose($"Found {resources.Count} supported resources in {SubscriptionId.Length} subscription(s).");
            }
            Process(resources, ips);
        }

        protected abstract void Process(IReadOnlyList<string> resourceIds, IReadOnlyList<string> ips);
    }

    /// <summary>Shows each resource's firewall entries and which of them are Astro's.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroAllowlist", DefaultParameterSetName = ByResourceId)]
    [OutputType(typeof(AllowlistEntry))]
    public sealed class GetAstroAllowlistCommand : AllowlistReadCmdlet
    {
        protected override void Process(IReadOnlyList<string> resourceIds, IReadOnlyList<string> ips)
        {
            var outcomes = Run((log, ct) => AllowlistEngine.GetAsync(resourceIds, ips, Port, ThrottleLimit, log, ct));
            WriteOutcomes(outcomes, entries => WriteObject(entries, enumerateCollection: true));
        }
    }

    /// <summary>Tells, per resource, whether all of a deployment's or cluster's IPs are allowed, and which are missing.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "AstroAllowlist", DefaultParameterSetName = ByResourceId)]
    [OutputType(typeof(AllowlistTestResult))]
    public sealed class TestAstroAllowlistCommand : AllowlistReadCmdlet
    {
        protected override void Process(IReadOnlyList<string> resourceIds, IReadOnlyList<string> ips)
        {
            if (ips.Count == 0)
            {
                ThrowTerminating(IpSourceRequired());
            }
            var outcomes = Run((log, ct) => AllowlistEngine.TestAsync(resourceIds, ips, Source, Port, ThrottleLimit, log, ct));
            WriteOutcomes(outcomes, result => WriteObject(result));
        }
    }
}

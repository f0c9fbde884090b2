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

        /// <summary>
        /// With -SubscriptionId: ResourceGraph (default: one paged query for all subscriptions; its data can lag changes by
        /// a few minutes) or ResourceList (a list call per type and subscription, then a read of each resource).
        /// </summary>
        /// <remarks>A string, not the engine's enum: PowerShell reads parameter types before the engine can be loaded.</remarks>
        [Parameter(ParameterSetName = BySubscription)]
        [ValidateSet(nameof(Engine.DiscoveryMode.ResourceGraph), nameof(Engine.DiscoveryMode.ResourceList))]
        public string DiscoveryMode { get; set; } = nameof(Engine.DiscoveryMode.ResourceGraph);

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
                Discovered = Run((log, ct) => AllowlistEngine.DiscoverAsync(SubscriptionId, ResourceType, Mode, log, ct));
                resources = Discovered.ResourceIds;
                WriteVerbose($"Found {resources.Count} supported resources in {SubscriptionId.Length} subscription(s) ({DiscoveryMode}).");
            }
            Process(resources, ips);
        }

        protected abstract void Process(IReadOnlyList<string> resourceIds, IReadOnlyList<string> ips);

        // Kept apart so the engine's enum is named only in code that runs after the engine is loadable.
        private DiscoveryMode Mode => DiscoveryMode == nameof(Engine.DiscoveryMode.ResourceList) ? Engine.DiscoveryMode.ResourceList : Engine.DiscoveryMode.ResourceGraph;

        /// <summary>With -SubscriptionId: what discovery found (Resource Graph rows serve as the resources' first read).</summary>
        protected ResourceDiscovery? Discovered { get; private set; }
    }

    /// <summary>Shows each resource's firewall entries and which of them are Astro's.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroAllowlist", DefaultParameterSetName = ByResourceId)]
    [OutputType(typeof(AllowlistEntry))]
    public sealed class GetAstroAllowlistCommand : AllowlistReadCmdlet
    {
        protected override void Process(IReadOnlyList<string> resourceIds, IReadOnlyList<string> ips)
        {
            var outcomes = Run((log, ct) => AllowlistEngine.GetAsync(resourceIds, ips, Port, ThrottleLimit, log, ct, AstroRegions, Discovered));
            WriteOutcomes(outcomes, read =>
            {
                // An open resource may have no entry at all: its effective access still has to be said.
                if (read.EffectiveAccess != EffectiveAccess.Restricted) WriteWarning($"{read.ResourceName}: {read.EffectiveAccess}. {read.EffectiveAccessReason}");
                WriteObject(read.Entries, enumerateCollection: true);
            });
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
            var outcomes = Run((log, ct) => AllowlistEngine.TestAsync(resourceIds, ips, Source, Port, ThrottleLimit, log, ct, AstroRegions, Discovered));
            WriteOutcomes(outcomes, result => WriteObject(result));
        }
    }
}

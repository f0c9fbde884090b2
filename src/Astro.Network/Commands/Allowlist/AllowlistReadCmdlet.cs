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
        protected const string ByManagementGroup = "ByManagementGroup";
        protected const string ByTenant = "ByTenant";

        [Parameter(ParameterSetName = ByResourceId, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] ResourceId { get; set; } = null!;

        /// <summary>Look at every supported resource in these subscriptions.</summary>
        [Parameter(ParameterSetName = BySubscription, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[] SubscriptionId { get; set; } = null!;

        /// <summary>Look at every supported resource in the subscriptions under these management groups (their descendants included).</summary>
        [Parameter(ParameterSetName = ByManagementGroup, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[] ManagementGroupId { get; set; } = null!;

        /// <summary>Look at every supported resource in every subscription the signed-in caller can see.</summary>
        [Parameter(ParameterSetName = ByTenant, Mandatory = true)]
        public SwitchParameter AllSubscriptions { get; set; }

        /// <summary>With -SubscriptionId, -ManagementGroupId or -AllSubscriptions: only these resource types (e.g. Microsoft.Storage/storageAccounts).</summary>
        [Parameter(ParameterSetName = BySubscription)]
        [Parameter(ParameterSetName = ByManagementGroup)]
        [Parameter(ParameterSetName = ByTenant)]
        [ValidateNotNullOrEmpty]
        public string[]? ResourceType { get; set; }

        /// <summary>
        /// With -SubscriptionId, -ManagementGroupId or -AllSubscriptions: ResourceGraph (default: one paged query for the
        /// whole scope; its data can lag changes by a few minutes) or ResourceList (a list call per type and subscription,
        /// then a read of each resource; not with -ManagementGroupId).
        /// </summary>
        /// <remarks>A string, not the engine's enum: PowerShell reads parameter types before the engine can be loaded.</remarks>
        [Parameter(ParameterSetName = BySubscription)]
        [Parameter(ParameterSetName = ByManagementGroup)]
        [Parameter(ParameterSetName = ByTenant)]
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
            if (ParameterSetName != ByResourceId)
            {
                var scope = Scope;
                Discovered = Run((log, ct) => AllowlistEngine.DiscoverAsync(scope, ResourceType, Mode, log, ct));
                resources = Discovered.ResourceIds;
                WriteVerbose($"Found {resources.Count} supported resources in {scope} ({DiscoveryMode}).");
            }
            Process(resources, ips);
        }

        protected abstract void Process(IReadOnlyList<string> resourceIds, IReadOnlyList<string> ips);

        // Kept apart so the engine's enum is named only in code that runs after the engine is loadable.
        private DiscoveryMode Mode => DiscoveryMode == nameof(Engine.DiscoveryMode.ResourceList) ? Engine.DiscoveryMode.ResourceList : Engine.DiscoveryMode.ResourceGraph;

        private DiscoveryScope Scope => ParameterSetName switch
        {
            BySubscription => DiscoveryScope.Subscriptions(SubscriptionId),
            ByManagementGroup => DiscoveryScope.ManagementGroups(ManagementGroupId),
            _ => DiscoveryScope.Tenant,
        };

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
            var outcomes = Run((log, ct) => AllowlistEngine.GetAsync(resourceIds, Port, ThrottleLimit, log, ct, AstroRegions, Discovered));
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
    [OutputType(typeof(AllowlistTestResult), typeof(AllowlistTestSummary))]
    public sealed class TestAstroAllowlistCommand : AllowlistReadCmdlet
    {
        /// <summary>One summary object (counts per state and per type) instead of a result per resource.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        protected override void Process(IReadOnlyList<string> resourceIds, IReadOnlyList<string> ips)
        {
            if (ips.Count == 0)
            {
                ThrowTerminating(IpSourceRequired());
            }
            var outcomes = Run((log, ct) => AllowlistEngine.TestAsync(resourceIds, ips, Source, Port, ThrottleLimit, log, ct, AstroRegions, Discovered, SourceIds));
            if (Summary)
            {
                // Read failures are still reported one by one; the summary counts them as Failed.
                WriteOutcomes(outcomes.Where(o => o.Error != null), _ => { });
                WriteObject(AllowlistTestSummary.From(outcomes, Source));
                return;
            }
            WriteOutcomes(outcomes, result => WriteObject(result));
        }
    }
}

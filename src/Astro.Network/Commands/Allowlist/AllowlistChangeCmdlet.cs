using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Allowlist
{
    /// <summary>Add, Remove and Sync: the same inputs, one plan per resource, ShouldProcess per resource, one write each.</summary>
    public abstract class AllowlistChangeCmdlet : AllowlistCmdlet
    {
        protected const string ByIpAddress = "ByIpAddress";
        /// <summary>-DeploymentId and/or -ClusterId: one set, because a piped Deployment carries both properties.</summary>
        protected const string ByAstroId = "ByDeploymentOrClusterId";

        /// <summary>Azure resource IDs whose firewalls to change; also bound from objects with a ResourceId or Id property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] ResourceId { get; set; } = null!;

        /// <summary>IPv4/IPv6 addresses or CIDR ranges; bound by property name from Get-AstroExternalIp output.</summary>
        [Parameter(ParameterSetName = ByIpAddress, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] IpAddress { get; set; } = null!;

        /// <summary>
        /// The Astro Deployment or cluster the -IpAddress values belong to, recorded as their owner; bound by property name
        /// from Get-AstroExternalIp output. Without it, IPs given by hand belong to "manual".
        /// </summary>
        [Parameter(ParameterSetName = ByIpAddress, ValueFromPipelineByPropertyName = true)]
        public string? SourceId { get; set; }

        /// <summary>
        /// Also take over entries the module cannot tell are its own: on Storage, Key Vault, Cosmos DB, ACR, Event Hubs,
        /// Service Bus and AKS, entries at these IPs that no source owns; elsewhere, "astro-…" rules an earlier version wrote.
        /// </summary>
        [Parameter]
        public SwitchParameter AdoptExisting { get; set; }

        /// <summary>Take the IPs from this Astro Deployment; bound by property name from Get-AstroDeployment output.</summary>
        [Parameter(ParameterSetName = ByAstroId, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string? DeploymentId { get; set; }

        /// <summary>Take the IPs from this Astro cluster; bound by property name from Get-AstroCluster output.</summary>
        [Parameter(ParameterSetName = ByAstroId, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string? ClusterId { get; set; }

        /// <summary>Network security groups: destination port or range the Astro rule opens (443, 8000-8080, or * for every port); required for them.</summary>
        [Parameter]
        public string? Port { get; set; }

        /// <summary>Network security groups: destination of a new Astro rule (default the VirtualNetwork service tag, not *).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DestinationAddressPrefix { get; set; }

        /// <summary>Network security groups: protocol of the Astro rule.</summary>
        [Parameter]
        [ValidateSet("Tcp", "Udp", "Icmp", "Esp", "Ah", "*")]
        public string Protocol { get; set; } = "Tcp";

        /// <summary>Network security groups and App Service: priority of a new rule (default: the lowest free one).</summary>
        [Parameter]
        public int? Priority { get; set; }

        /// <summary>How many resources to work on at once.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = AllowlistEngine.DefaultThrottleLimit;

        /// <summary>Seconds one resource may wait while Azure answers that it is busy or throttles, before AzureResourceBusy.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int BusyTimeout { get => BusyTimeoutSeconds ?? DefaultBusyTimeout; set => BusyTimeoutSeconds = value; }

        protected abstract AllowlistAction Action { get; }

        protected virtual IReadOnlyList<string> PreviousIps => new string[0];

        /// <summary>Remove -AnySource.</summary>
        protected virtual bool AnyAstroSource => false;

        /// <summary>Add/Sync -Force: write although the resource is open (entries lock everyone else out) or ignores IP entries.</summary>
        protected virtual bool Forced => false;

        protected override void ProcessItem()
        {
            CollectResources(ResourceId);
            if (ParameterSetName == ByIpAddress) CollectIps(IpAddress, SourceId);
            else CollectSource(DeploymentId, ClusterId);
        }

        protected override void EndItems()
        {
            var invocation = new AllowlistInvocation
            {
                Action = Action,
                ResourceIds = CollectedResourceIds,
                PreviousIpAddresses = PreviousIps,
                Port = Port,
                Protocol = Protocol,
                Priority = Priority,
                DestinationAddressPrefix = DestinationAddressPrefix,
                ThrottleLimit = ThrottleLimit,
                Force = Forced,
                AdoptExisting = AdoptExisting,
                AnySource = AnyAstroSource,
            };
            AllowlistEngine.CheckChange(invocation);   // bad firewall options stop before any request, Astro's included
            var ips = ResolveOwnedIps();
            if (ips.Count == 0) ThrowTerminating(IpSourceRequired());
            invocation.IpAddresses = ips.Select(p => p.Key).ToList();
            invocation.SourceIds = ips.Select(p => p.Value).ToList();
            invocation.AstroRegions = AstroRegions;   // known once the IPs are resolved
            // Plan every resource first (reads only), so each confirmation names what would really be written.
            foreach (var id in CollectedResourceIds)
            {
                invocation.PlanOnly.Add(id);
            }
            var plans = Run((log, ct) => AllowlistEngine.ChangeAsync(invocation, log, ct));
            var confirmed = plans.Where(p => p.Value != null && Confirm(p.Value)).ToList();
            foreach (var plan in confirmed.Where(p => !ChangeText.HasWork(p.Value!)))
            {
                plan.Value!.WhatIf = false; // nothing to write: the plan is the answer
            }
            var writes = confirmed.Where(p => ChangeText.HasWork(p.Value!)).Select(p => p.ResourceId).ToList();
            var written = new Dictionary<string, ResourceOutcome<AllowlistChange>>(StringComparer.OrdinalIgnoreCase);
            if (writes.Count > 0)
            {
                invocation.ResourceIds = writes;
                invocation.PlanOnly.Clear();
                foreach (var outcome in Run((log, ct) => AllowlistEngine.ChangeAsync(invocation, log, ct)))
                {
                    written[outcome.ResourceId] = outcome;
                }
            }
            WriteOutcomes(plans.Select(p => written.TryGetValue(p.ResourceId, out var w) ? w : p), WriteChange);
        }

        /// <summary>ShouldProcess with the planned change; closing an open resource is High impact (asks unless -Confirm:$false).</summary>
        private bool Confirm(AllowlistChange plan)
        {
            var action = ChangeText.Describe(plan);
            if (!ChangeText.LocksOut(plan))
            {
                return ShouldProcess(plan.ResourceId, action);
            }
            var warning = $"{plan.ResourceName} admits every address today. {action}: only the listed addresses will be admitted and every other address is locked out.";
            if (!ShouldProcess(warning, warning, "Close an open firewall"))
            {
                return false;
            }
            // ConfirmImpact is Medium for the cmdlet; this case is High.
            return ConfirmHighImpact(warning + " Continue?", "Close an open firewall");
        }

        private void WriteChange(AllowlistChange change)
        {
            foreach (var warning in change.Warnings)
            {
                WriteWarning($"{change.ResourceName}: {warning}");
            }
            WriteObject(change);
        }
    }

    /// <summary>Add and Sync, which can close an open firewall or write entries without effect: both take -Force.</summary>
    public abstract class AllowlistAddingCmdlet : AllowlistChangeCmdlet
    {
        /// <summary>
        /// Write even where the module would refuse: the resource admits every address today (the entries lock out every
        /// other address; confirmation is then High impact), or it ignores IP entries (public access disabled, defaultAction
        /// Allow, same region). Never overrides a write Azure itself refuses.
        /// </summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override bool Forced => Force;
    }

    /// <summary>Allowlists IPs on Azure resource firewalls, keeping every existing entry; a re-run writes nothing.</summary>
    [Cmdlet(VerbsCommon.Add, "AstroAllowlist", SupportsShouldProcess = true, DefaultParameterSetName = ByIpAddress)]
    [OutputType(typeof(AllowlistChange))]
    public sealed class AddAstroAllowlistCommand : AllowlistAddingCmdlet
    {
        protected override AllowlistAction Action => AllowlistAction.Add;
    }

    /// <summary>Removes IPs from Azure resource firewalls: only entries that are Astro's, everything else stays.</summary>
    [Cmdlet(VerbsCommon.Remove, "AstroAllowlist", SupportsShouldProcess = true, DefaultParameterSetName = ByIpAddress)]
    [OutputType(typeof(AllowlistChange))]
    public sealed class RemoveAstroAllowlistCommand : AllowlistChangeCmdlet
    {
        /// <summary>Remove the IPs' entries whichever Astro source (or earlier version) owns them, not only the given source's; others' entries still stay.</summary>
        [Parameter]
        public SwitchParameter AnySource { get; set; }

        protected override bool AnyAstroSource => AnySource;

        protected override AllowlistAction Action => AllowlistAction.Remove;
    }

    /// <summary>Makes Astro's entries on each firewall equal Astro's current IPs: adds the missing, removes stale Astro entries.</summary>
    [Cmdlet(VerbsData.Sync, "AstroAllowlist", SupportsShouldProcess = true, DefaultParameterSetName = ByAstroId)]
    [OutputType(typeof(AllowlistChange))]
    public sealed class SyncAstroAllowlistCommand : AllowlistAddingCmdlet
    {
        /// <summary>
        /// Earlier IPs of the source to remove where present (an override: the ownership record already says which entries
        /// are the source's). Entries at these IPs that another source owns stay.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? PreviousIpAddress { get; set; }

        protected override AllowlistAction Action => AllowlistAction.Sync;

        protected override IReadOnlyList<string> PreviousIps =>
            PreviousIpAddress == null ? new string[0] : AllowlistEngine.NormalizeIpAddresses(PreviousIpAddress);
    }
}

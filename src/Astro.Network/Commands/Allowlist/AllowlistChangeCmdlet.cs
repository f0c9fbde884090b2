using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Allowlist
{
    /// <summary>Add, Remove and Sync: the same inputs, one plan per resource, ShouldProcess per resource, one write each.</summary>
    public abstract class AllowlistChangeCmdlet : AllowlistCmdlet
    {
        protected const string ByIpAddress = "ByIpAddress";
        protected const string ByDeployment = "ByDeploymentId";
        protected const string ByCluster = "ByClusterId";

        /// <summary>Azure resource IDs whose firewalls to change; also bound from objects with a ResourceId or Id property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] ResourceId { get; set; } = null!;

        /// <summary>IPv4/IPv6 addresses or CIDR ranges; bound by property name from Get-AstroExternalIp output.</summary>
        [Parameter(ParameterSetName = ByIpAddress, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] IpAddress { get; set; } = null!;

        /// <summary>Take the IPs from this Astro Deployment.</summary>
        [Parameter(ParameterSetName = ByDeployment, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string DeploymentId { get; set; } = null!;

        /// <summary>Take the IPs from this Astro cluster.</summary>
        [Parameter(ParameterSetName = ByCluster, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string ClusterId { get; set; } = null!;

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

        protected abstract AllowlistAction Action { get; }

        protected virtual IReadOnlyList<string> PreviousIps => new string[0];

        protected override void ProcessItem()
        {
            CollectResources(ResourceId);
            if (ParameterSetName == ByIpAddress) CollectIps(IpAddress);
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
            };
            AllowlistEngine.CheckChange(invocation);
            var ips = ResolveIps(ParameterSetName == ByDeployment ? DeploymentId : null, ParameterSetName == ByCluster ? ClusterId : null);
            invocation.IpAddresses = ips;
            var description = $"{Action} allowlist entries {Describe(ips)}";
            foreach (var id in CollectedResourceIds.Where(id => !ShouldProcess(id, description)))
            {
                invocation.PlanOnly.Add(id);
            }
            WriteOutcomes(Run((log, ct) => AllowlistEngine.ChangeAsync(invocation, log, ct)), change => WriteObject(change));
        }
    }

    /// <summary>Allowlists IPs on Azure resource firewalls, keeping every existing entry; a re-run writes nothing.</summary>
    [Cmdlet(VerbsCommon.Add, "AstroAllowlist", SupportsShouldProcess = true, DefaultParameterSetName = ByIpAddress)]
    [OutputType(typeof(AllowlistChange))]
    public sealed class AddAstroAllowlistCommand : AllowlistChangeCmdlet
    {
        protected override AllowlistAction Action => AllowlistAction.Add;
    }

    /// <summary>Removes IPs from Azure resource firewalls: only entries that are Astro's, everything else stays.</summary>
    [Cmdlet(VerbsCommon.Remove, "AstroAllowlist", SupportsShouldProcess = true, DefaultParameterSetName = ByIpAddress)]
    [OutputType(typeof(AllowlistChange))]
    public sealed class RemoveAstroAllowlistCommand : AllowlistChangeCmdlet
    {
        protected override AllowlistAction Action => AllowlistAction.Remove;
    }

    /// <summary>Makes Astro's entries on each firewall equal Astro's current IPs: adds the missing, removes stale Astro entries.</summary>
    [Cmdlet(VerbsData.Sync, "AstroAllowlist", SupportsShouldProcess = true, DefaultParameterSetName = ByDeployment)]
    [OutputType(typeof(AllowlistChange))]
    public sealed class SyncAstroAllowlistCommand : AllowlistChangeCmdlet
    {
        /// <summary>Earlier Astro IPs to remove where present: needed on types whose entries carry no name (Storage, Key Vault, Cosmos DB...).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? PreviousIpAddress { get; set; }

        protected override AllowlistAction Action => AllowlistAction.Sync;

        protected override IReadOnlyList<string> PreviousIps =>
            PreviousIpAddress == null ? new string[0] : AllowlistEngine.NormalizeIpAddresses(PreviousIpAddress);
    }
}

using System.Collections.Generic;

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>A validated onboarding file: what one Deployment or cluster needs on Azure.</summary>
    internal sealed class OnboardingSpec
    {
        public string Path { get; set; } = "";
        public string? Deployment { get; set; }
        public string? Cluster { get; set; }
        public bool SyncAllowlist { get; set; } = true;
        /// <summary>Pinned IPs; empty: the IPs Astro reports for the Deployment or cluster.</summary>
        public IReadOnlyList<string> IpAddresses { get; set; } = new string[0];
        public IReadOnlyList<AllowlistTarget> Allowlist { get; set; } = new AllowlistTarget[0];
        public PeeringSpec? Peering { get; set; }
        public IReadOnlyList<PrivateLinkSpec> PrivateLink { get; set; } = new PrivateLinkSpec[0];
        public WorkloadIdentitySpec? WorkloadIdentity { get; set; }
    }

    /// <summary>One Allowlist item: a resource ID, or a selector (resource group, or tag) resolved through Resource Graph.</summary>
    internal sealed class AllowlistTarget
    {
        public string Key { get; set; } = "";
        public string? ResourceId { get; set; }
        public string? ResourceGroup { get; set; }
        public string? TagName { get; set; }
        public string? TagValue { get; set; }
        public IReadOnlyList<string> SubscriptionIds { get; set; } = new string[0];
        public IReadOnlyList<string> Types { get; set; } = new string[0];
        public string? Port { get; set; }
        public string Protocol { get; set; } = "Tcp";
        public int? Priority { get; set; }
        public string? DestinationAddressPrefix { get; set; }
        public bool Force { get; set; }

        /// <summary>The options that go into one Add/Sync invocation (resources with equal options share one).</summary>
        public string OptionsKey => $"{Port}|{Protocol}|{Priority}|{DestinationAddressPrefix}|{Force}";
    }

    internal sealed class PeeringSpec
    {
        public string VirtualNetworkId { get; set; } = "";
        public PeeringRoleMode RoleMode { get; set; } = PeeringRoleMode.Custom;
        public IReadOnlyList<PeeringScope> Scopes { get; set; } = new PeeringScope[0];
    }

    internal sealed class PrivateLinkSpec
    {
        public string ResourceId { get; set; } = "";
        public string? GroupId { get; set; }
        public string? ClusterId { get; set; }
        public string? RequesterSubscriptionId { get; set; }
        public string? PrivateEndpointId { get; set; }
    }

    internal sealed class WorkloadIdentitySpec
    {
        public string IdentityId { get; set; } = "";
        public IReadOnlyList<string>? Workloads { get; set; }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine
{
    public enum AllowlistAction
    {
        Add,
        Remove,
        Sync,
    }

    /// <summary>One Add/Remove/Sync-AstroAllowlist invocation: the same IPs applied to every resource.</summary>
    public sealed class AllowlistInvocation
    {
        public AllowlistAction Action { get; set; }
        public IReadOnlyList<string> ResourceIds { get; set; } = new string[0];

        /// <summary>Add/Remove: the IPs. Sync: the desired set (Astro's current IPs).</summary>
        public IReadOnlyList<string> IpAddresses { get; set; } = new string[0];

        /// <summary>The source each IP is for, in the same order: an Astro Deployment or cluster ID, or "manual" (also for missing ones).</summary>
        public IReadOnlyList<string> SourceIds { get; set; } = new string[0];

        /// <summary>Sync: earlier IPs of the sources, removed where present, no longer desired and not another source's (an override).</summary>
        public IReadOnlyList<string> PreviousIpAddresses { get; set; } = new string[0];

        /// <summary>Take over entries no source owns where a record keeps owners, or an earlier version's "astro-…" rules.</summary>
        public bool AdoptExisting { get; set; }

        /// <summary>Remove: the IPs' entries for every Astro source, not only the given one.</summary>
        public bool AnySource { get; set; }

        /// <summary>Resources to plan only (the user's -WhatIf, or a declined -Confirm).</summary>
        public ICollection<string> PlanOnly { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public string? Port { get; set; }
        public string Protocol { get; set; } = "Tcp";
        public int? Priority { get; set; }

        /// <summary>NSG: destination of a new rule (null = the VirtualNetwork service tag).</summary>
        public string? DestinationAddressPrefix { get; set; }

        public int ThrottleLimit { get; set; } = AllowlistEngine.DefaultThrottleLimit;

        /// <summary>Write although the resource is open (the entries close it) or ignores IP entries; warn instead of refusing.</summary>
        public bool Force { get; set; }

        /// <summary>Azure regions Astro's egress comes from, when known (-DeploymentId/-ClusterId): Storage ignores IP rules from its own region.</summary>
        public IReadOnlyList<string> AstroRegions { get; set; } = new string[0];
    }

    /// <summary>The result for one resource of a fan-out: a value, or the error that resource met.</summary>
    public sealed class ResourceOutcome<T>
    {
        public ResourceOutcome(string resourceId, T? value, AstroNetworkException? error)
        {
            ResourceId = resourceId;
            Value = value;
            Error = error;
        }

        public string ResourceId { get; }
        public T? Value { get; }
        public AstroNetworkException? Error { get; }
    }

    /// <summary>
    /// The allowlist cmdlets' entry point: input checks that stop a command before anything is read, and the
    /// per-resource fan-out (bounded by ThrottleLimit) where one resource's failure does not stop the others.
    /// </summary>
    public static class AllowlistEngine
    {
        public const int DefaultThrottleLimit = 8;

        public static IReadOnlyList<string> SupportedResourceTypes => FirewallAdapters.SupportedTypes;

        /// <summary>Canonical forms (1.2.3.4/32 -> 1.2.3.4), de-duplicated; throws InvalidIpAddress for the first bad one.</summary>
        public static IReadOnlyList<string> NormalizeIpAddresses(IEnumerable<string> ipAddresses) =>
            ipAddresses.Select(IpRange.Parse).Distinct().Select(r => r.ToString()).ToList();

        /// <summary>The owner for a source ID (null or empty: "manual"); throws InvalidSourceId before anything is read.</summary>
        public static string NormalizeSourceId(string? sourceId) => EntryOwners.ForSource(sourceId);

        /// <summary>Checks the ID's syntax and that its type is supported; throws InvalidResourceId / UnsupportedResourceType.</summary>
        public static string NormalizeResourceId(string resourceId)
        {
            var id = ArmResourceId.Parse(resourceId);
            FirewallAdapters.For(id.ResourceType);
            return id.Id;
        }

        /// <summary>Checks the options against every resource (NSG writes need a port); throws before anything is read.</summary>
        public static void CheckChange(AllowlistInvocation invocation)
        {
            var options = OptionsOf(invocation);
            foreach (var id in invocation.ResourceIds)
            {
                var resource = ArmResourceId.Parse(id);
                AllowlistRules.CheckOptions(FirewallAdapters.For(resource.ResourceType), resource, options);
            }
        }

        public static Task<IReadOnlyList<ResourceOutcome<AllowlistChange>>> ChangeAsync(AllowlistInvocation invocation, IOperationLog log, CancellationToken ct)
        {
            CheckChange(invocation);
            var options = OptionsOf(invocation);
            return FanOutAsync(invocation.ResourceIds, invocation.ThrottleLimit, $"{invocation.Action} allowlist entries", log, ct,
                (service, id, token) => service.ChangeAsync(new AllowlistRequest
                {
                    ResourceId = id,
                    Operation = (AllowlistOperation)invocation.Action,
                    IpAddresses = invocation.IpAddresses,
                    Owners = invocation.SourceIds,
                    AdoptExisting = invocation.AdoptExisting,
                    AnySource = invocation.AnySource,
                    AlsoOwned = invocation.PreviousIpAddresses,
                    Options = options,
                    WhatIf = invocation.PlanOnly.Contains(id),
                    Force = invocation.Force,
                    Context = new AccessContext(invocation.AstroRegions),
                }, token));
        }

        private static FirewallOptions OptionsOf(AllowlistInvocation invocation) => new FirewallOptions
        {
            Port = invocation.Port,
            Protocol = invocation.Protocol,
            Priority = invocation.Priority,
            DestinationAddressPrefix = invocation.DestinationAddressPrefix,
        }.Validated();

        /// <summary>Every entry of each resource with its owner (owners come from the resource itself).</summary>
        /// <param name="discovered">Resources found by Resource Graph: their firewall is read from its rows where they carry it.</param>
        public static Task<IReadOnlyList<ResourceOutcome<AllowlistRead>>> GetAsync(IReadOnlyList<string> resourceIds,
            string? port, int throttleLimit, IOperationLog log, CancellationToken ct, IReadOnlyList<string>? astroRegions = null,
            ResourceDiscovery? discovered = null)
        {
            var options = new FirewallOptions { Port = port }.Validated();
            var context = new AccessContext(astroRegions ?? new string[0]);
            return FanOutAsync(resourceIds, throttleLimit, "Read allowlists", log, ct,
                (service, id, token) => service.GetAsync(id, options, token, context), discovered);
        }

        public static Task<IReadOnlyList<ResourceOutcome<AllowlistTestResult>>> TestAsync(IReadOnlyList<string> resourceIds,
            IReadOnlyList<string> ipAddresses, string? source, string? port, int throttleLimit, IOperationLog log, CancellationToken ct,
            IReadOnlyList<string>? astroRegions = null, ResourceDiscovery? discovered = null, IReadOnlyList<string>? sourceIds = null)
        {
            var options = new FirewallOptions { Port = port }.Validated();
            var context = new AccessContext(astroRegions ?? new string[0]);
            var owners = (sourceIds ?? new string[0]).Select(EntryOwners.ForSource).ToList();
            return FanOutAsync(resourceIds, throttleLimit, "Test allowlists", log, ct,
                (service, id, token) => service.TestAsync(id, ipAddresses, options, source, token, context, owners), discovered);
        }

        /// <summary>
        /// Every supported resource in the scope (optionally only some types): by default one paged Resource Graph query
        /// over all of it; <see cref="DiscoveryMode.ResourceList"/> lists each type in each subscription instead.
        /// </summary>
        public static async Task<ResourceDiscovery> DiscoverAsync(DiscoveryScope scope, IReadOnlyList<string>? resourceTypes,
            DiscoveryMode mode, IOperationLog log, CancellationToken ct)
        {
            var types = (resourceTypes == null || resourceTypes.Count == 0 ? SupportedResourceTypes : resourceTypes)
                .Select(FirewallAdapters.For).Distinct().ToList();
            ResourceDiscovery.CheckMode(scope, mode);
            var context = await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false);
            return await ResourceDiscovery.FindAsync(scope, types, mode, context.Arm, context.Settings, log, ct).ConfigureAwait(false);
        }

        private static async Task<IReadOnlyList<ResourceOutcome<T>>> FanOutAsync<T>(IReadOnlyList<string> resourceIds, int throttleLimit,
            string activity, IOperationLog log, CancellationToken ct, Func<AllowlistService, string, CancellationToken, Task<T>> work,
            ResourceDiscovery? discovered = null)
        {
            var context = await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false);
            IArmJsonClient arm = new RestArmJsonClient(context.Arm);
            if (discovered != null && discovered.Documents.Count > 0)
            {
                arm = new PrefetchedArmJsonClient(arm, discovered.Documents);
            }

            var service = new AllowlistService(arm, log: log);
            return await ResourceFanOut.RunAsync(resourceIds, throttleLimit, activity, log, ct, (id, token) => work(service, id, token)).ConfigureAwait(false);
        }
    }
}

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

        /// <summary>Sync: earlier Astro IPs, removed where present and no longer desired (unnamed rule types need them).</summary>
        public IReadOnlyList<string> PreviousIpAddresses { get; set; } = new string[0];

        /// <summary>Resources to plan only (the user's -WhatIf, or a declined -Confirm).</summary>
        public ICollection<string> PlanOnly { get; set; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public string? Port { get; set; }
        public string Protocol { get; set; } = "Tcp";
        public int? Priority { get; set; }

        /// <summary>NSG: destination of a new rule (null = the VirtualNetwork service tag).</summary>
        public string? DestinationAddressPrefix { get; set; }

        public int ThrottleLimit { get; set; } = AllowlistEngine.DefaultThrottleLimit;
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
                    AlsoOwned = invocation.PreviousIpAddresses,
                    Options = options,
                    WhatIf = invocation.PlanOnly.Contains(id),
                }, token));
        }

        private static FirewallOptions OptionsOf(AllowlistInvocation invocation) => new FirewallOptions
        {
            Port = invocation.Port,
            Protocol = invocation.Protocol,
            Priority = invocation.Priority,
            DestinationAddressPrefix = invocation.DestinationAddressPrefix,
        }.Validated();

        /// <summary>Every entry of each resource; <paramref name="astroIps"/> marks Astro's entries on types without rule names.</summary>
        public static Task<IReadOnlyList<ResourceOutcome<IReadOnlyList<AllowlistEntry>>>> GetAsync(IReadOnlyList<string> resourceIds,
            IReadOnlyList<string> astroIps, string? port, int throttleLimit, IOperationLog log, CancellationToken ct)
        {
            var options = new FirewallOptions { Port = port }.Validated();
            return FanOutAsync(resourceIds, throttleLimit, "Read allowlists", log, ct,
                (service, id, token) => service.GetAsync(id, astroIps, options, token));
        }

        public static Task<IReadOnlyList<ResourceOutcome<AllowlistTestResult>>> TestAsync(IReadOnlyList<string> resourceIds,
            IReadOnlyList<string> ipAddresses, string? source, string? port, int throttleLimit, IOperationLog log, CancellationToken ct)
        {
            var options = new FirewallOptions { Port = port }.Validated();
            return FanOutAsync(resourceIds, throttleLimit, "Test allowlists", log, ct,
                (service, id, token) => service.TestAsync(id, ipAddresses, options, source, token));
        }

        /// <summary>The IDs of every supported resource in the subscriptions (optionally only some types), one list call per type.</summary>
        public static async Task<IReadOnlyList<string>> DiscoverAsync(IReadOnlyList<string> subscriptionIds, IReadOnlyList<string>? resourceTypes,
            IOperationLog log, CancellationToken ct)
        {
            var types = (resourceTypes == null || resourceTypes.Count == 0 ? SupportedResourceTypes : resourceTypes)
                .Select(FirewallAdapters.For).Distinct().ToList();
            var context = await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false);
            var found = new List<string>();
            foreach (var subscription in subscriptionIds)
            {
                foreach (var adapter in types)
                {
                    var items = await context.Arm.ListAsync($"/subscriptions/{subscription}/providers/{adapter.ResourceType}", adapter.ApiVersion, ct).ConfigureAwait(false);
                    found.AddRange(items.Select(i => i["id"]?.GetValue<string>()).Where(id => !string.IsNullOrEmpty(id))!);
                }
            }
            return found.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        private static async Task<IReadOnlyList<ResourceOutcome<T>>> FanOutAsync<T>(IReadOnlyList<string> resourceIds, int throttleLimit,
            string activity, IOperationLog log, CancellationToken ct, Func<AllowlistService, string, CancellationToken, Task<T>> work)
        {
            var context = await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false);
            var service = new AllowlistService(new RestArmJsonClient(context.Arm), log: log);
            return await ResourceFanOut.RunAsync(resourceIds, throttleLimit, activity, log, ct, (id, token) => work(service, id, token)).ConfigureAwait(false);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.Onboarding
{
    internal enum FieldType
    {
        Text,
        Integer,
        Boolean,
        /// <summary>A string or a number (Port = 443 or '8000-8080').</summary>
        Port,
        TextList,
        Map,
        MapList,
    }

    /// <summary>One key of the file: its type and the check (which canonicalises the value or throws with the reason).</summary>
    internal sealed class Field
    {
        public Field(string name, FieldType type, Func<string, string>? check = null, params Field[] children)
        {
            Name = name;
            Type = type;
            Check = check;
            Children = children;
        }

        public string Name { get; }
        public FieldType Type { get; }
        public Func<string, string>? Check { get; }
        public IReadOnlyList<Field> Children { get; }
    }

    /// <summary>Version 1 of the onboarding file (documented in about_Astro.Network, "ONBOARDING FILE").</summary>
    internal static class OnboardingSchema
    {
        public const int Version = 1;

        private static readonly Regex Guid = new Regex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");
        private static readonly Regex ResourceGroupId = new Regex("^/subscriptions/(?<s>[^/]+)/resourceGroups/[-\\w._()]{1,90}$", RegexOptions.IgnoreCase);
        private static readonly Regex TagSelector = new Regex("^(?<name>[^=<>%&\\\\?/]{1,512})(=(?<value>.{0,256}))?$");

        public static IReadOnlyList<Field> Root { get; } = new[]
        {
            new Field("Version", FieldType.Integer, v => v == Version.ToString(CultureInfo.InvariantCulture) ? v : throw Bad($"version {v} is not supported; this module reads Version = {Version}")),
            new Field("Deployment", FieldType.Text, DeploymentRef),
            new Field("Cluster", FieldType.Text, AstroId),
            new Field("AllowlistMode", FieldType.Text, OneOf("Sync", "Add")),
            new Field("IpAddress", FieldType.TextList, Ip),
            new Field("Allowlist", FieldType.MapList, null,
                new Field("ResourceId", FieldType.Text, AllowlistEngine.NormalizeResourceId),
                new Field("ResourceGroup", FieldType.Text, ResourceGroup),
                new Field("Tag", FieldType.Text, Tag),
                new Field("SubscriptionId", FieldType.TextList, SubscriptionId),
                new Field("Type", FieldType.TextList, ResourceType),
                new Field("Port", FieldType.Port, p => new FirewallOptions { Port = p }.Validated().Port ?? p),
                new Field("Protocol", FieldType.Text, p => new FirewallOptions { Protocol = p }.Validated().Protocol),
                new Field("Priority", FieldType.Integer),
                new Field("DestinationAddressPrefix", FieldType.Text, d => new FirewallOptions { DestinationAddressPrefix = d }.Validated().DestinationAddressPrefix ?? d),
                new Field("Force", FieldType.Boolean)),
            new Field("Peering", FieldType.Map, null,
                new Field("VirtualNetworkId", FieldType.Text, PeeringEngine.NormalizeVirtualNetworkId),
                new Field("RoleMode", FieldType.Text, OneOf(nameof(PeeringRoleMode.Custom), nameof(PeeringRoleMode.NetworkContributor))),
                new Field("Scope", FieldType.TextList, OneOf(nameof(PeeringScope.VirtualNetwork), nameof(PeeringScope.ResourceGroup), nameof(PeeringScope.Subscription)))),
            new Field("PrivateLink", FieldType.MapList, null,
                new Field("ResourceId", FieldType.Text, PrivateLinkEngine.NormalizeResourceId),
                new Field("GroupId", FieldType.Text),
                new Field("ClusterId", FieldType.Text, AstroId),
                new Field("RequesterSubscriptionId", FieldType.Text, SubscriptionId),
                new Field("PrivateEndpointId", FieldType.Text, PrivateEndpointId)),
            new Field("WorkloadIdentity", FieldType.Map, null,
                new Field("IdentityId", FieldType.Text, WorkloadIdentityEngine.NormalizeIdentityId),
                new Field("Workload", FieldType.TextList, OneOf("scheduler", "triggerer", "worker", "kpo", "dag-processor", "api-server"))),
        };

        private static AstroNetworkException Bad(string message) => new AstroNetworkException("OnboardingFileInvalid", FailureKind.InvalidData, message);

        private static Func<string, string> OneOf(params string[] values) => v =>
            values.FirstOrDefault(x => string.Equals(x, v, StringComparison.OrdinalIgnoreCase))
            ?? throw Bad($"'{v}' is not one of {string.Join(", ", values)}");

        private static string DeploymentRef(string value) =>
            value.IndexOfAny(new[] { '*', '?', '[' }) >= 0 ? throw Bad($"'{value}' has a wildcard; name one Deployment (its ID or exact name)") : value.Trim();

        private static string AstroId(string value)
        {
            EntryOwners.ForSource(value);
            return value.Trim();
        }

        private static string Ip(string value) => IpRange.Parse(value).ToString();

        private static string SubscriptionId(string value) =>
            Guid.IsMatch(value.Trim()) ? value.Trim() : throw Bad($"'{value}' is not a subscription ID (a GUID)");

        private static string ResourceGroup(string value)
        {
            var match = ResourceGroupId.Match(value.Trim().TrimEnd('/'));
            return match.Success && Guid.IsMatch(match.Groups["s"].Value)
                ? value.Trim().TrimEnd('/')
                : throw Bad($"'{value}' is not a resource group ID; expected /subscriptions/<GUID>/resourceGroups/<name>");
        }

        private static string Tag(string value) =>
            TagSelector.IsMatch(value) ? value : throw Bad($"'{value}' is not a tag selector; expected 'name=value' or 'name'");

        private static string ResourceType(string value) =>
            AllowlistEngine.SupportedResourceTypes.FirstOrDefault(t => string.Equals(t, value, StringComparison.OrdinalIgnoreCase))
            ?? throw Bad($"'{value}' is not a supported resource type; supported: {string.Join(", ", AllowlistEngine.SupportedResourceTypes)}");

        private static string PrivateEndpointId(string value)
        {
            new PrivateEndpointTrust { PrivateEndpointId = value }.Validate();
            return value.Trim();
        }
    }
}

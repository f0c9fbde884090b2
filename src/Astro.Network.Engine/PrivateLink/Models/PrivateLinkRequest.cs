using System;

namespace Astro.Network
{
    /// <summary>What Astronomer support needs to create a private endpoint to a resource (New-AstroPrivateLinkRequest).</summary>
    public sealed class PrivateLinkRequest
    {
        public string ResourceId { get; set; } = "";
        public string ResourceName { get; set; } = "";
        public string ResourceType { get; set; } = "";
        /// <summary>The sub-resource, in the type's canonical spelling; empty for a private link service.</summary>
        public string GroupId { get; set; } = "";
        /// <summary>Container registries: the regional data endpoint, {registry}.{region}.data.azurecr.io.</summary>
        public string? DataEndpoint { get; set; }
        public string? ClusterId { get; set; }
        public string? ClusterName { get; set; }
        /// <summary>Every group ID the resource type offers.</summary>
        public string[] ValidGroupIds { get; set; } = Array.Empty<string>();
        /// <summary>Plain text to paste into the support ticket.</summary>
        public string TicketText { get; set; } = "";
        /// <summary>The same fields as indented camelCase JSON.</summary>
        public string Json { get; set; } = "";

        public override string ToString() => $"Private endpoint to {ResourceName} ({(GroupId.Length == 0 ? ResourceType : GroupId)})";
    }
}

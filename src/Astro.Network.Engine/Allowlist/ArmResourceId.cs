using System;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// A top-level resource in a resource group, the only shape an allowlist target has:
    /// /subscriptions/{guid}/resourceGroups/{rg}/providers/{Namespace}/{type}/{name}. General syntax checks are the
    /// REST layer's <see cref="ResourceId"/>; this adds what the allowlist needs on top.
    /// </summary>
    internal sealed class ArmResourceId
    {
        private ArmResourceId(string id, string resourceType, string name)
        {
            Id = id;
            ResourceType = resourceType;
            Name = name;
        }

        /// <summary>The ID as given (trimmed, no trailing slash): ARM paths keep the caller's casing.</summary>
        public string Id { get; }

        /// <summary>"Microsoft.Storage/storageAccounts".</summary>
        public string ResourceType { get; }

        public string Name { get; }

        public override string ToString() => Id;

        public static ArmResourceId Parse(string? input)
        {
            var parsed = ResourceId.Parse(input);
            var parts = parsed.Id.TrimEnd('/').Split('/');
            if (parts.Length != 9 || !Is(parts[3], "resourceGroups") || !Is(parts[5], "providers"))
            {
                throw AllowlistErrors.InvalidResourceId(input, parts.Length > 9
                    ? "it names a child resource; pass the parent resource's ID"
                    : "segments must be subscriptions/<id>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>");
            }

            if (!Guid.TryParseExact(parsed.SubscriptionId, "D", out _))
            {
                throw AllowlistErrors.InvalidResourceId(input, $"subscription '{parsed.SubscriptionId}' is not a GUID");
            }

            return new ArmResourceId(input!.Trim().TrimEnd('/'), parts[6] + "/" + parts[7], parts[8]);
        }

        private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
    }
}

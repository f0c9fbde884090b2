using System;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>A top-level ARM resource ID: /subscriptions/{guid}/resourceGroups/{rg}/providers/{Namespace}/{type}/{name}.</summary>
    internal sealed class ArmResourceId
    {
        private ArmResourceId(string id, string subscriptionId, string resourceGroup, string resourceType, string name)
        {
            Id = id;
            SubscriptionId = subscriptionId;
            ResourceGroup = resourceGroup;
            ResourceType = resourceType;
            Name = name;
        }

        /// <summary>The ID as given (trimmed, no trailing slash): ARM paths keep the caller's casing.</summary>
        public string Id { get; }
        public string SubscriptionId { get; }
        public string ResourceGroup { get; }
        /// <summary>"Microsoft.Storage/storageAccounts".</summary>
        public string ResourceType { get; }
        public string Name { get; }

        public override string ToString() => Id;

        public static ArmResourceId Parse(string? input)
        {
            var text = (input ?? string.Empty).Trim().TrimEnd('/');
            if (text.Length == 0)
            {
                throw AllowlistErrors.InvalidResourceId(input, "it is empty");
            }

            if (text.IndexOf('?') >= 0 || text.IndexOf('#') >= 0 || text.IndexOf(' ') >= 0 || text.IndexOf("//", StringComparison.Ordinal) >= 0)
            {
                throw AllowlistErrors.InvalidResourceId(input, "it contains a query, spaces or empty segments");
            }

            var parts = text.Split('/');
            if (parts.Length != 9 || parts[0].Length != 0
                || !Is(parts[1], "subscriptions") || !Is(parts[3], "resourceGroups") || !Is(parts[5], "providers"))
            {
                throw AllowlistErrors.InvalidResourceId(input, parts.Length > 9
                    ? "it names a child resource; pass the parent resource's ID"
                    : "segments must be subscriptions/<id>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>");
            }

            if (!Guid.TryParseExact(parts[2], "D", out _))
            {
                throw AllowlistErrors.InvalidResourceId(input, $"subscription '{parts[2]}' is not a GUID");
            }

            if (parts[6].IndexOf('.') <= 0)
            {
                throw AllowlistErrors.InvalidResourceId(input, $"'{parts[6]}' is not a resource provider namespace");
            }

            return new ArmResourceId(text, parts[2], parts[4], parts[6] + "/" + parts[7], parts[8]);
        }

        private static bool Is(string segment, string expected) => string.Equals(segment, expected, StringComparison.OrdinalIgnoreCase);
    }
}

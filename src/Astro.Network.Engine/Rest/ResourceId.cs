using System;
using Azure.Core;

namespace Astro.Network.Engine.Rest
{
    /// <summary>A validated ARM resource id (wraps Azure.Core's parser so its type stays out of the public API).</summary>
    internal sealed class ResourceId
    {
        private readonly ResourceIdentifier id;

        private ResourceId(ResourceIdentifier id)
        {
            this.id = id;
        }

        public string Id => id.ToString();

        public string? SubscriptionId => id.SubscriptionId;

        public string? ResourceGroupName => id.ResourceGroupName;

        /// <summary>Full type, e.g. "Microsoft.Storage/storageAccounts" or "Microsoft.Sql/servers/firewallRules".</summary>
        public string ResourceType => id.ResourceType.ToString();

        public string Name => id.Name;

        public ResourceId? Parent => id.Parent is { } parent && parent.ToString() != "/" ? new ResourceId(parent) : null;

        /// <summary>Parses and checks an id; bad input -> "InvalidResourceId" (InvalidArgument) with the input as target.</summary>
        public static ResourceId Parse(string? value)
        {
            var text = value?.Trim();
            if (string.IsNullOrEmpty(text) || !(text!.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) || text.StartsWith("/providers/", StringComparison.OrdinalIgnoreCase)))
            {
                throw Invalid(value, "it must start with /subscriptions/ or /providers/");
            }

            if (text.IndexOf("//", StringComparison.Ordinal) >= 0 || text.IndexOfAny(new[] { '?', '#', ' ' }) >= 0)
            {
                throw Invalid(value, "it contains an empty segment, a space, '?' or '#'");
            }

            try
            {
                var parsed = ResourceIdentifier.Parse(text.TrimEnd('/'));
                // Force the lazy parser to validate now.
                _ = parsed.ResourceType;
                _ = parsed.Name;
                return new ResourceId(parsed);
            }
            catch (Exception ex) when (ex is FormatException || ex is ArgumentException)
            {
                throw Invalid(value, ex.Message);
            }
        }

        /// <summary>Fails unless the id is of <paramref name="resourceType"/> (case-insensitive).</summary>
        public ResourceId RequireType(string resourceType)
        {
            if (!string.Equals(ResourceType, resourceType, StringComparison.OrdinalIgnoreCase))
            {
                throw new AstroNetworkException("InvalidResourceId", FailureKind.InvalidArgument,
                    $"'{Id}' is a {ResourceType} id; a {resourceType} id is needed.", Id);
            }

            return this;
        }

        public override string ToString() => Id;

        private static AstroNetworkException Invalid(string? value, string why) =>
            new AstroNetworkException("InvalidResourceId", FailureKind.InvalidArgument, $"'{value}' is not a valid Azure resource id: {why}.", value);
    }
}

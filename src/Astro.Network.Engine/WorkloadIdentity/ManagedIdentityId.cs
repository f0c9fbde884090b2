using System;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.WorkloadIdentity
{
    /// <summary>A user-assigned managed identity's ID in canonical form (known segments cased as ARM spells them).</summary>
    internal sealed class ManagedIdentityId
    {
        public const string ResourceType = "Microsoft.ManagedIdentity/userAssignedIdentities";

        private ManagedIdentityId(string subscriptionId, string resourceGroupName, string name)
        {
            Id = $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/{ResourceType}/{name}";
            Name = name;
        }

        public string Id { get; }

        public string Name { get; }

        public string CredentialsPath => Id + "/federatedIdentityCredentials";

        public string CredentialPath(string name) => CredentialsPath + "/" + name;

        /// <summary>Any casing in; InvalidResourceId for bad syntax, WrongResourceType for an ID of another type.</summary>
        public static ManagedIdentityId Parse(string? input)
        {
            var parsed = ResourceId.Parse(input);
            if (!string.Equals(parsed.ResourceType, ResourceType, StringComparison.OrdinalIgnoreCase))
            {
                throw WorkloadIdentityErrors.WrongResourceType(input, parsed.ResourceType);
            }

            var parts = parsed.Id.Trim('/').Split('/');
            if (parts.Length != 8 || !string.Equals(parts[2], "resourceGroups", StringComparison.OrdinalIgnoreCase))
            {
                throw WorkloadIdentityErrors.InvalidIdentityId(input, "an identity ID names a subscription, a resource group and the identity");
            }

            if (!Guid.TryParseExact(parts[1], "D", out var subscription))
            {
                throw WorkloadIdentityErrors.InvalidIdentityId(input, $"subscription '{parts[1]}' is not a GUID");
            }

            return new ManagedIdentityId(subscription.ToString("D"), parts[3], parts[7]);
        }

        public override string ToString() => Id;
    }
}

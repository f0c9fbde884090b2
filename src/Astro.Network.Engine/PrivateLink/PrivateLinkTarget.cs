using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.PrivateLink
{
    /// <summary>A resource whose private endpoint connections the module manages: its ID and its type's profile.</summary>
    internal sealed class PrivateLinkTarget
    {
        private PrivateLinkTarget(ArmResourceId id, PrivateLinkProfile profile)
        {
            Id = id.Id;
            Name = id.Name;
            Profile = profile;
        }

        /// <summary>The ID as given (trimmed, no trailing slash).</summary>
        public string Id { get; }

        public string Name { get; }

        public PrivateLinkProfile Profile { get; }

        public string ConnectionsPath => Id + "/privateEndpointConnections";

        /// <summary>Throws InvalidResourceId or UnsupportedResourceType.</summary>
        public static PrivateLinkTarget Parse(string? resourceId)
        {
            var id = ArmResourceId.Parse(resourceId);
            return new PrivateLinkTarget(id, PrivateLinkProfiles.For(id.ResourceType));
        }

        /// <summary>Throws InvalidConnectionName for names that would change the request path.</summary>
        public string ConnectionPath(string name)
        {
            var trimmed = name?.Trim() ?? "";
            if (trimmed.Length == 0 || trimmed.IndexOfAny(new[] { '/', '?', '#', ' ', '\\' }) >= 0)
            {
                throw new AstroNetworkException("InvalidConnectionName", FailureKind.InvalidArgument,
                    $"'{name}' is not a private endpoint connection name (it must be non-empty, without '/', '?', '#', '\\' or spaces).", name);
            }

            return ConnectionsPath + "/" + trimmed;
        }
    }
}

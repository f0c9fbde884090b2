using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;
using Astro.Network.Engine.PrivateLink;

namespace Astro.Network.Engine
{
    /// <summary>
    /// The Private Link cmdlets' entry point: list, approve and reject private endpoint connections on the customer's
    /// resources (the ones Astronomer's dedicated clusters request), and compose the support request for a new one.
    /// </summary>
    public static class PrivateLinkEngine
    {
        public static IReadOnlyList<string> SupportedResourceTypes => PrivateLinkProfiles.SupportedTypes;

        /// <summary>Checks the ID's syntax and that its type is supported; throws InvalidResourceId / UnsupportedResourceType.</summary>
        public static string NormalizeResourceId(string resourceId) => PrivateLinkTarget.Parse(resourceId).Id;

        /// <summary>The Private Link group IDs (sub-resources) of a type; empty for a private link service.</summary>
        public static IReadOnlyList<string> GroupIdsFor(string resourceType) => PrivateLinkProfiles.For(resourceType).GroupIds;

        /// <summary>Each resource's connections (one outcome per resource, failures included), optionally only those in <paramref name="status"/>.</summary>
        public static async Task<IReadOnlyList<ResourceOutcome<IReadOnlyList<PrivateEndpointConnection>>>> GetConnectionsAsync(
            IReadOnlyList<string> resourceIds, string? status, int throttleLimit, IOperationLog log, CancellationToken ct)
        {
            var service = await ConnectAsync(log, ct).ConfigureAwait(false);
            return await ResourceFanOut.RunAsync(resourceIds, throttleLimit, "Read private endpoint connections", log, ct,
                (id, token) => service.ListAsync(id, status, token)).ConfigureAwait(false);
        }

        /// <summary>
        /// Approves one connection that <paramref name="trust"/> accepts (PrivateEndpointRequesterNotTrusted, SecurityError, otherwise);
        /// no write when already Approved; whatIf reads only. Missing connection: PrivateEndpointConnectionNotFound (ObjectNotFound);
        /// a Rejected one its service will not approve again: PrivateEndpointConnectionNotApprovable.
        /// </summary>
        public static async Task<PrivateEndpointConnectionChange> ApproveAsync(string resourceId, string name, PrivateEndpointTrust trust, string? description,
            bool whatIf, IOperationLog log, CancellationToken ct)
        {
            trust.Validate();
            var service = await ConnectAsync(log, ct).ConfigureAwait(false);
            return await service.SetStatusAsync(resourceId, name, approve: true, trust, description, whatIf, ct).ConfigureAwait(false);
        }

        /// <summary>Rejects one connection (one-way on most services); no write when already Rejected; whatIf reads only.</summary>
        public static async Task<PrivateEndpointConnectionChange> DenyAsync(string resourceId, string name, string? description,
            bool whatIf, IOperationLog log, CancellationToken ct) =>
            await (await ConnectAsync(log, ct).ConfigureAwait(false)).SetStatusAsync(resourceId, name, approve: false, null, description, whatIf, ct).ConfigureAwait(false);

        /// <summary>
        /// Validates the group ID (InvalidGroupId lists the valid ones), the cluster when given (StandardClusterCannotUsePrivateLink /
        /// ClusterNotOnAzure / AstroClusterNotFound) and that the resource exists, then composes the ticket text and JSON.
        /// </summary>
        public static async Task<PrivateLinkRequest> NewRequestAsync(string resourceId, string groupId, string? clusterId, IOperationLog log, CancellationToken ct)
        {
            var target = PrivateLinkTarget.Parse(resourceId);
            PrivateLinkTickets.CanonicalGroupId(target.Profile, groupId); // bad input fails before any sign-in
            var tickets = new PrivateLinkTickets(await ConnectAsync(log, ct).ConfigureAwait(false), new AstroService(log), log);
            return await tickets.NewRequestAsync(target.Id, groupId, clusterId, ct).ConfigureAwait(false);
        }

        private static async Task<PrivateLinkService> ConnectAsync(IOperationLog log, CancellationToken ct)
        {
            var context = await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false);
            return new PrivateLinkService(new RestArmJsonClient(context.Arm), log);
        }
    }
}

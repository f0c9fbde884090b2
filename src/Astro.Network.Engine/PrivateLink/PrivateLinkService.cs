using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.PrivateLink
{
    /// <summary>List, approve and reject the private endpoint connections of one resource: read, decide, write once, re-read and verify.</summary>
    internal sealed class PrivateLinkService
    {
        private const int MaxAttempts = 3;
        private readonly IArmJsonClient arm;
        private readonly IOperationLog log;

        public PrivateLinkService(IArmJsonClient arm, IOperationLog log)
        {
            this.arm = arm;
            this.log = log;
        }

        /// <summary>Every connection (all pages), optionally only those in <paramref name="status"/>.</summary>
        public async Task<IReadOnlyList<PrivateEndpointConnection>> ListAsync(string resourceId, string? status, CancellationToken ct)
        {
            var target = PrivateLinkTarget.Parse(resourceId);
            var items = await arm.ListAsync(target.ConnectionsPath, target.Profile.ApiVersion, ct).ConfigureAwait(false);
            return items.Select(i => ConnectionJson.Read(target, i))
                .Where(c => string.IsNullOrEmpty(status) || ConnectionJson.IsStatus(c.Status, status!))
                .ToList();
        }

        /// <summary>
        /// Sets Approved or Rejected. No write when the connection already has that status (whoever asked for it); whatIf reads
        /// only. Approve writes only a connection <paramref name="trust"/> accepts (PrivateEndpointRequesterNotTrusted) and
        /// that its service can still approve (PrivateEndpointConnectionNotApprovable). The PUT carries If-Match where the
        /// connection has an etag; a 412 starts over from a fresh read.
        /// </summary>
        public async Task<PrivateEndpointConnectionChange> SetStatusAsync(string resourceId, string name, bool approve, PrivateEndpointTrust? trust,
            string? description, bool whatIf, CancellationToken ct)
        {
            var target = PrivateLinkTarget.Parse(resourceId);
            var path = target.ConnectionPath(name);
            var wanted = approve ? "Approved" : "Rejected";
            var reason = string.IsNullOrWhiteSpace(description) ? (approve ? "Approved" : "Rejected") + " by Astro.Network" : description!;
            for (var attempt = 1; ; attempt++)
            {
                var current = await GetAsync(target, path, ct).ConfigureAwait(false) ?? throw PrivateLinkErrors.ConnectionNotFound(target.Id, name);
                var before = ConnectionJson.Read(target, current.Body);
                var change = new PrivateEndpointConnectionChange
                {
                    ResourceId = target.Id,
                    ResourceName = target.Name,
                    Name = before.Name,
                    Id = before.Id,
                    Action = approve ? "Approve" : "Deny",
                    StatusBefore = before.Status,
                    StatusAfter = wanted,
                    Description = reason,
                    RequesterSubscriptionId = before.RequesterSubscriptionId,
                    WhatIf = whatIf,
                };
                if (ConnectionJson.IsStatus(before.Status, wanted))
                {
                    // Nothing to write, so nothing newly trusted; Storage would answer 400 to the PUT anyway.
                    log.Verbose($"{path} is already {before.Status}; nothing to write.");
                    change.StatusAfter = before.Status;
                    change.Description = before.Description;
                    change.Note = $"Already {before.Status}; nothing written.";
                    return change;
                }

                if (approve)
                {
                    CheckApprovable(target, before, trust ?? new PrivateEndpointTrust());
                }

                if (whatIf)
                {
                    return change;
                }

                log.Verbose($"Setting {path} from {before.Status} to {wanted}.");
                try
                {
                    await arm.PutAsync(path, target.Profile.ApiVersion, ConnectionJson.StatusBody(target.Profile, current.Body, wanted, reason),
                        current.ETag, ct).ConfigureAwait(false);
                }
                catch (AstroNetworkException ex) when (Rest.BusyClassification.IsStaleWrite(ex) && attempt < MaxAttempts)
                {
                    log.Verbose($"{path} changed since it was read; reading it again.");
                    continue;
                }
                catch (AstroNetworkException ex) when (approve && IsFinalState(before.Status) && (ex.Status == 400 || ex.ErrorId == Rest.ArmLroPoller.OperationFailedErrorId))
                {
                    throw PrivateLinkErrors.NotApprovable(before, ex.ServiceCode ?? ex.Message);
                }

                var after = await GetAsync(target, path, ct).ConfigureAwait(false);
                var seen = after == null ? "(gone)" : ConnectionJson.Read(target, after.Body).Status;
                if (!ConnectionJson.IsStatus(seen, wanted))
                {
                    throw PrivateLinkErrors.VerificationFailed(before.Id.Length > 0 ? before.Id : path, wanted, seen);
                }

                change.StatusAfter = seen;
                change.Changed = true;
                return change;
            }
        }

        /// <summary>The resource's GET body; PrivateLinkResourceNotFound when it does not exist.</summary>
        public async Task<JsonObject> GetResourceAsync(PrivateLinkTarget target, CancellationToken ct)
        {
            var resource = await arm.GetAsync(target.Id, target.Profile.ApiVersion, ct).ConfigureAwait(false);
            return resource?.Body ?? throw PrivateLinkErrors.ResourceNotFound(target.Id);
        }

        private void CheckApprovable(PrivateLinkTarget target, PrivateEndpointConnection before, PrivateEndpointTrust trust)
        {
            if (trust.Mismatch(before) is { } mismatch)
            {
                throw PrivateLinkErrors.RequesterNotTrusted(before, mismatch);
            }

            if (ConnectionJson.IsStatus(before.Status, "Disconnected") || (ConnectionJson.IsStatus(before.Status, "Rejected") && target.Profile.RejectedIsFinal))
            {
                throw PrivateLinkErrors.NotApprovable(before, null);
            }

            if (trust.Force && trust.IsEmpty)
            {
                log.Warning($"Approving {before.ResourceName}/{before.Name} without checking its requester (-Force): subscription " +
                    $"{before.RequesterSubscriptionId ?? "(unknown)"}, private endpoint {before.PrivateEndpointId ?? "(none)"}.");
            }
        }

        private static bool IsFinalState(string status) => ConnectionJson.IsStatus(status, "Rejected") || ConnectionJson.IsStatus(status, "Disconnected");

        // A missing connection is 404, or 204 from Key Vault (its spec declares 204 for GET).
        private async Task<ArmJsonResponse?> GetAsync(PrivateLinkTarget target, string path, CancellationToken ct)
        {
            var response = await arm.GetAsync(path, target.Profile.ApiVersion, ct).ConfigureAwait(false);
            return response == null || response.Status == 204 ? null : response;
        }
    }
}

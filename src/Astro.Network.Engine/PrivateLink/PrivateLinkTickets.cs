using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Peering;

namespace Astro.Network.Engine.PrivateLink
{
    /// <summary>The support request for a private endpoint: the details Astronomer asks for (astro README §5), as ticket text and JSON.</summary>
    internal sealed class PrivateLinkTickets
    {
        private readonly PrivateLinkService service;
        private readonly AstroService astro;
        private readonly IOperationLog log;

        public PrivateLinkTickets(PrivateLinkService service, AstroService astro, IOperationLog log)
        {
            this.service = service;
            this.astro = astro;
            this.log = log;
        }

        /// <summary>Checks the group ID, the cluster (when given) and that the resource exists, in that order, before composing.</summary>
        public async Task<PrivateLinkRequest> NewRequestAsync(string resourceId, string? groupId, string? clusterId, CancellationToken ct)
        {
            var target = PrivateLinkTarget.Parse(resourceId);
            var canonicalGroupId = CanonicalGroupId(target.Profile, groupId);
            var cluster = string.IsNullOrWhiteSpace(clusterId) ? null : await GetClusterAsync(clusterId!, ct).ConfigureAwait(false);
            var resource = await service.GetResourceAsync(target, ct).ConfigureAwait(false);
            var request = new PrivateLinkRequest
            {
                ResourceId = target.Id,
                ResourceName = target.Name,
                ResourceType = target.Profile.ResourceType,
                GroupId = canonicalGroupId,
                DataEndpoint = target.Profile.DataEndpoint(target.Name, resource),
                ClusterId = cluster?.Id,
                ClusterName = cluster?.Name,
                ValidGroupIds = target.Profile.GroupIds.ToArray(),
            };
            request.TicketText = Ticket(request);
            request.Json = Json(request);
            return request;
        }

        /// <summary>The type's spelling of <paramref name="groupId"/> (matched case-insensitively); InvalidGroupId names the valid ones.</summary>
        public static string CanonicalGroupId(PrivateLinkProfile profile, string? groupId)
        {
            var given = groupId?.Trim() ?? "";
            if (profile.GroupIds.Count == 0 && given.Length == 0)
            {
                return "";
            }

            return profile.GroupIds.FirstOrDefault(g => string.Equals(g, given, StringComparison.OrdinalIgnoreCase))
                ?? throw PrivateLinkErrors.InvalidGroupId(given, profile.ResourceType, profile.GroupIds);
        }

        // The same rule as peering (dedicated/hybrid on Azure), worded for Private Link.
        private async Task<AstroCluster> GetClusterAsync(string clusterId, CancellationToken ct)
        {
            try
            {
                return await new PeeringClusters(astro, log).GetAsync(clusterId, ct).ConfigureAwait(false);
            }
            catch (AstroNetworkException ex) when (ex.ErrorId == "StandardClusterCannotPeer")
            {
                throw PrivateLinkErrors.StandardCluster(clusterId.Trim());
            }
            catch (AstroNetworkException ex) when (ex.ErrorId == "ClusterNotOnAzure")
            {
                throw new AstroNetworkException(ex.ErrorId, ex.Kind,
                    $"Cluster '{clusterId.Trim()}' does not run on Azure; only clusters on AZURE can reach Azure resources over Azure Private Link.", ex.Target);
            }
        }

        private static string Ticket(PrivateLinkRequest r)
        {
            var lines = new List<string>
            {
                "Please create a private endpoint from my Astro cluster to this Azure resource.",
                "",
                "Resource name: " + r.ResourceName,
                "Resource ID: " + r.ResourceId,
                "Resource type: " + r.ResourceType,
                "Private Link group ID: " + (r.GroupId.Length == 0 ? "(none: private link service)" : r.GroupId),
            };
            if (r.DataEndpoint != null)
            {
                lines.Add("Data endpoint: " + r.DataEndpoint);
            }

            if (r.ClusterId != null)
            {
                lines.Add("Astro cluster ID: " + r.ClusterId);
                lines.Add("Astro cluster name: " + r.ClusterName);
            }

            // What Approve-AstroPrivateEndpointConnection matches on: without it the user cannot tell Astronomer's request from a stranger's.
            lines.Add("");
            lines.Add(r.ClusterId != null
                ? $"Please put the Astro cluster ID {r.ClusterId} in the private endpoint's request message,"
                : "Please put the ID of my Astro cluster in the private endpoint's request message,");
            lines.Add("and tell me the private endpoint's resource ID (or at least its subscription ID).");
            lines.Add("I will approve the pending connection only when it matches these details.");
            return string.Join("\n", lines) + "\n";
        }

        private static string Json(PrivateLinkRequest r)
        {
            var fields = new Dictionary<string, JsonNode?>
            {
                ["resourceName"] = r.ResourceName,
                ["resourceId"] = r.ResourceId,
                ["resourceType"] = r.ResourceType,
                ["groupId"] = r.GroupId.Length == 0 ? null : r.GroupId,
                ["dataEndpoint"] = r.DataEndpoint,
                ["clusterId"] = r.ClusterId,
                ["clusterName"] = r.ClusterName,
            };
            return new JsonObject(fields).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
    }
}

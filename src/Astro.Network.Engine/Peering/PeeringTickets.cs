using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Peering
{
    /// <summary>The support request for a peering: the details Astronomer asks for, as ticket text and JSON.</summary>
    internal sealed class PeeringTickets
    {
        private readonly PeeringContext context;

        public PeeringTickets(PeeringContext context)
        {
            this.context = context;
        }

        /// <summary>Validates the cluster (type, cloud, no overlap with the VNet or its peers) before composing the request.</summary>
        public async Task<PeeringRequest> NewRequestAsync(string clusterId, string virtualNetworkId, CancellationToken ct)
        {
            var ids = VirtualNetworkIds.Parse(virtualNetworkId);
            var cluster = await new PeeringClusters(context.Astro, context.Log).GetAsync(clusterId, ct).ConfigureAwait(false);
            var target = await new PeeringTargets(context).GetTargetAsync(ids.Id, ct).ConfigureAwait(false);
            AddressSpaces.EnsureNoOverlap(cluster, target);
            return Compose(cluster, target);
        }

        public static PeeringRequest Compose(AstroCluster cluster, PeeringTarget target)
        {
            var request = new PeeringRequest
            {
                ClusterId = cluster.Id,
                ClusterName = cluster.Name,
                ClusterRegion = cluster.Region ?? "",
                VpcSubnetRange = cluster.VpcSubnetRange ?? "",
                TenantId = target.TenantId,
                SubscriptionId = target.SubscriptionId,
                ResourceGroupName = target.ResourceGroupName,
                ResourceGroupId = target.ResourceGroupId,
                VirtualNetworkId = target.VirtualNetworkId,
                VirtualNetworkName = target.VirtualNetworkName,
                Location = target.Location,
                AddressPrefixes = target.AddressPrefixes.ToArray(),
                AstronomerAppId = PeeringEngine.AstronomerAppId,
            };
            request.TicketText = Ticket(request);
            request.Json = Json(request);
            return request;
        }

        private static string Ticket(PeeringRequest r)
        {
            var lines = new[]
            {
                "Please peer my Azure virtual network with my Astro cluster.",
                "",
                "Astro cluster ID: " + r.ClusterId,
                "Astro cluster name: " + r.ClusterName,
                "Astro cluster region: " + r.ClusterRegion,
                "Astro cluster range: " + r.VpcSubnetRange,
                "Tenant ID: " + r.TenantId,
                "Subscription ID: " + r.SubscriptionId,
                "Resource group: " + r.ResourceGroupName,
                "Resource group ID: " + r.ResourceGroupId,
                "VNet ID: " + r.VirtualNetworkId,
                "VNet name: " + r.VirtualNetworkName,
                "VNet address space: " + string.Join(", ", r.AddressPrefixes),
                "VNet region: " + r.Location,
                "Astronomer service principal (appId): " + r.AstronomerAppId,
            };
            var text = new StringBuilder();
            foreach (var line in lines)
            {
                text.Append(line).Append('\n');
            }

            return text.ToString();
        }

        private static string Json(PeeringRequest r)
        {
            var fields = new Dictionary<string, JsonNode?>
            {
                ["clusterId"] = r.ClusterId,
                ["clusterName"] = r.ClusterName,
                ["clusterRegion"] = r.ClusterRegion,
                ["vpcSubnetRange"] = r.VpcSubnetRange,
                ["tenantId"] = r.TenantId,
                ["subscriptionId"] = r.SubscriptionId,
                ["resourceGroupName"] = r.ResourceGroupName,
                ["resourceGroupId"] = r.ResourceGroupId,
                ["virtualNetworkId"] = r.VirtualNetworkId,
                ["virtualNetworkName"] = r.VirtualNetworkName,
                ["location"] = r.Location,
                ["addressPrefixes"] = new JsonArray(r.AddressPrefixes.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
                ["astronomerAppId"] = r.AstronomerAppId,
            };
            return new JsonObject(fields).ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        }
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Peering;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.Peering;

/// <summary>Reading the customer VNet: what support asks for, found by ID or by names; the support request built from it.</summary>
public sealed class PeeringTargetTests(EmulatorFixture fixture) : PeeringTestBase(fixture)
{

    private string HubId => VnetId(fixture, "vnet-hub");

    private JsonObject HubBody => fixture.Host.State.Resources.Get(HubId)!.Body;

    [Fact]
    public async Task Target_carries_tenant_subscription_group_vnet_location_and_address_space()
    {
        var context = await ConnectAsync(fixture, log);

        var target = await new PeeringTargets(context).GetTargetAsync(HubId.ToUpperInvariant(), CancellationToken.None);

        Assert.Equal(EmulatorFixture.TenantId, target.TenantId);
        Assert.Equal(EmulatorFixture.SubscriptionId, target.SubscriptionId);
        Assert.Equal("rg-network", target.ResourceGroupName, ignoreCase: true);
        Assert.Equal(HubId, target.VirtualNetworkId, ignoreCase: true);
        Assert.Equal($"/subscriptions/{EmulatorFixture.SubscriptionId}/resourceGroups/{target.ResourceGroupName}", target.ResourceGroupId);
        Assert.Equal("vnet-hub", target.VirtualNetworkName);
        Assert.Equal((string)fixture.Host.State.Resources.Get(HubId)!.Body["location"]!, target.Location);
        Assert.Equal(HubBody["properties"]!["addressSpace"]!["addressPrefixes"]!.AsArray().Select(p => (string)p!), target.AddressPrefixes);
        Assert.DoesNotContain(fixture.Host.Requests, r => r.IsWrite);
    }

    [Fact]
    public async Task Target_found_by_names_in_the_connected_subscription()
    {
        var context = await ConnectAsync(fixture, log);

        var target = await new PeeringTargets(context).FindTargetAsync(null, "rg-network", "vnet-hub", CancellationToken.None);

        Assert.Equal(HubId, target.VirtualNetworkId, ignoreCase: true);
    }

    [Fact]
    public async Task A_missing_vnet_is_not_found_with_the_azure_code()
    {
        var context = await ConnectAsync(fixture, log);

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => new PeeringTargets(context).GetTargetAsync(HubId + "-missing", CancellationToken.None));

        Assert.Equal((FailureKind.ObjectNotFound, "ResourceNotFound"), (ex.Kind, ex.ServiceCode));
    }

    [Fact]
    public async Task Support_request_names_every_detail_in_text_and_json()
    {
        var context = await ConnectAsync(fixture, log);
        var clusterId = ClusterId("azure-dedicated");

        var request = await new PeeringTickets(context).NewRequestAsync(clusterId, HubId, CancellationToken.None);

        Assert.Contains("Astro cluster ID: " + clusterId, request.TicketText);
        Assert.Contains("Tenant ID: " + EmulatorFixture.TenantId, request.TicketText);
        Assert.Contains("Subscription ID: " + EmulatorFixture.SubscriptionId, request.TicketText);
        Assert.Contains("VNet ID: " + request.VirtualNetworkId, request.TicketText);
        Assert.Contains("VNet address space: " + string.Join(", ", request.AddressPrefixes), request.TicketText);
        var json = JsonNode.Parse(request.Json)!;
        Assert.Equal(clusterId, (string?)json["clusterId"]);
        Assert.Equal(request.VirtualNetworkId, (string?)json["virtualNetworkId"]);
        Assert.Equal(PeeringEngine.AstronomerAppId, (string?)json["astronomerAppId"]);
        Assert.Equal(request.AddressPrefixes, json["addressPrefixes"]!.AsArray().Select(p => (string)p!));
        Assert.Contains("\n  \"tenantId\"", request.Json.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task Support_request_for_a_standard_cluster_is_refused()
    {
        var context = await ConnectAsync(fixture, log);

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => new PeeringTickets(context).NewRequestAsync(StandardClusterId, HubId, CancellationToken.None));

        Assert.Equal("StandardClusterCannotPeer", ex.ErrorId);
    }

    [Fact]
    public async Task Support_request_for_an_overlapping_vnet_names_both_ranges()
    {
        var context = await ConnectAsync(fixture, log);

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => new PeeringTickets(context).NewRequestAsync(ClusterId("azure-dedicated"), VnetId(fixture, "vnet-overlap"), CancellationToken.None));

        Assert.Equal(("AddressSpaceOverlap", FailureKind.InvalidOperation), (ex.ErrorId, ex.Kind));
        Assert.Contains("172.20.0.0/19", ex.Message);
        Assert.Contains("172.20.0.0/16", ex.Message);
    }
}

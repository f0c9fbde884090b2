using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Tests.Emulator.Handlers;
using Xunit;

namespace Astro.Network.Tests.Emulator.Network;

/// <summary>The control API playing Astronomer support: it peers only with the grants the customer gave Astronomer's principal.</summary>
public sealed class AstroPeeringControlTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string AstronomerAppId = "a67e6057-7138-4f78-bbaf-fd9db7b8aab0";
    private const string Dedicated = "cm4azded000000000000000a1";
    private const string Version = "?api-version=2024-01-01";
    private const string Vnets = Sub + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/";
    private const string Peerings = "_emulator/astro/clusters/" + Dedicated + "/peerings";
    private const string NetworkContributor = "4d97b98b-1d4f-4787-a291-c67834d212e7";

    private static string Id(string vnet) => "/" + Vnets + vnet;

    private Task<(HttpResponseMessage Response, JsonNode? Body)> Support(string url, string vnet, HttpMethod? method = null) =>
        Fx.SendAsync(Client, method ?? HttpMethod.Post, url, body: method is null ? new JsonObject { ["virtualNetworkId"] = Id(vnet), ["name"] = null } : null);

    private string AddAstronomerPrincipal() =>
        Fx.Host.State.AddServicePrincipal(EmulatorFixture.TenantId, AstronomerAppId, "Astronomer")!.ObjectId;

    private void Assign(string scope, string roleGuid, string principalId)
    {
        var name = Guid.NewGuid().ToString();
        Fx.Host.State.Resources.Put($"{scope}/providers/Microsoft.Authorization/roleAssignments/{name}", new JsonObject
        {
            ["name"] = name,
            ["properties"] = new JsonObject
            {
                ["roleDefinitionId"] = $"/subscriptions/{EmulatorFixture.SubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}",
                ["principalId"] = principalId,
                ["principalType"] = "ServicePrincipal",
                ["scope"] = scope,
            },
        });
    }

    private static string State(JsonNode peering) => (string)peering["properties"]!["peeringState"]!;
    private static string Sync(JsonNode peering) => (string)peering["properties"]!["peeringSyncLevel"]!;

    private static string Problem(JsonNode? body) => (string)body!["error"]!;

    [Fact]
    public async Task Without_the_principal_or_its_grants_support_is_refused()
    {
        var (noPrincipal, noPrincipalBody) = await Support(Peerings, "vnet-hub");
        Assert.Equal(HttpStatusCode.Forbidden, noPrincipal.StatusCode);
        Assert.Contains($"az ad sp create --id {AstronomerAppId}", Problem(noPrincipalBody));

        var principal = AddAstronomerPrincipal();
        var (noGrant, noGrantBody) = await Support(Peerings, "vnet-hub");
        Assert.Equal(HttpStatusCode.Forbidden, noGrant.StatusCode);
        Assert.Contains("Microsoft.Network/virtualNetworks/peer/action", Problem(noGrantBody));

        // Reader holds read but not peer/action or peering writes; a grant on another VNet does not count.
        Assign(Id("vnet-hub"), "acdd72a7-3385-48ef-bd42-f606fba81ae7", principal);
        Assign(Id("vnet-shared"), NetworkContributor, principal);
        var (reader, readerBody) = await Support(Peerings, "vnet-hub");
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.DoesNotContain("virtualNetworks/read", Problem(readerBody));
        Assert.Contains("virtualNetworkPeerings/write", Problem(readerBody));

        Assert.Equal(["hub-to-shared"], Strings((await GetOk(Vnets + "vnet-hub" + Version))["properties"]!["virtualNetworkPeerings"], "name"));
    }

    [Fact]
    public async Task Network_contributor_on_the_vnet_lets_support_peer_and_the_link_connects_after_the_configured_reads()
    {
        Assign(Id("vnet-hub"), NetworkContributor, AddAstronomerPrincipal());
        var (created, body) = await Support(Peerings, "vnet-hub");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"astro-{Dedicated}", (string)body!["name"]!);
        Assert.Equal(("Initiated", "RemoteNotInSync"), (State(body), Sync(body)));
        Assert.Equal($"/subscriptions/00000000-0000-4000-8000-00000000a570/resourceGroups/astro-{Dedicated}/providers/Microsoft.Network/virtualNetworks/astro-{Dedicated}-vnet",
            (string)body["properties"]!["remoteVirtualNetwork"]!["id"]!);
        Assert.Equal(["172.20.0.0/19"], Strings(body["properties"]!["remoteAddressSpace"]!["addressPrefixes"]));
        Assert.Equal(2, Fx.Host.State.Settings.PeeringPollsBeforeConnected);

        var url = Vnets + $"vnet-hub/virtualNetworkPeerings/astro-{Dedicated}" + Version;
        var first = await GetOk(url);
        Assert.Equal("Initiated", State(first));
        // The VNet GET is the second read: it already shows the link connected.
        var vnet = await GetOk(Vnets + "vnet-hub" + Version);
        var embedded = vnet["properties"]!["virtualNetworkPeerings"]!.AsArray().Single(p => (string)p!["name"]! == $"astro-{Dedicated}")!;
        Assert.Equal(("Connected", "FullyInSync"), (State(embedded), Sync(embedded)));
        Assert.NotEqual((string)first["etag"]!, (string)embedded["etag"]!);
        Assert.Equal(embedded.ToJsonString(), (await GetOk(url)).ToJsonString());
        Assert.Equal("Connected", State(await GetOk(Vnets + "vnet-hub/virtualNetworkPeerings/hub-to-shared" + Version)));

        // Asking again answers the existing peering.
        var (again, againBody) = await Support(Peerings, "vnet-hub");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(embedded.ToJsonString(), againBody!.ToJsonString());
    }

    [Fact]
    public async Task A_custom_role_at_the_subscription_with_astronomers_actions_is_enough()
    {
        const string roleGuid = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
        Fx.Host.State.Resources.Put($"/providers/Microsoft.Authorization/roleDefinitions/{roleGuid}", new JsonObject
        {
            ["name"] = roleGuid,
            ["properties"] = new JsonObject
            {
                ["roleName"] = "Astro VNET Peering Contributor",
                ["type"] = "CustomRole",
                ["assignableScopes"] = new JsonArray("/subscriptions/" + EmulatorFixture.SubscriptionId),
                ["permissions"] = new JsonArray(new JsonObject
                {
                    ["actions"] = new JsonArray(
                        "Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Resources/subscriptions/read",
                        "Microsoft.Network/virtualNetworks/read", "Microsoft.Network/virtualNetworks/write",
                        "Microsoft.Network/virtualNetworks/peer/action", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings/write",
                        "Microsoft.Network/virtualNetworks/virtualNetworkPeerings/read"),
                    ["notActions"] = new JsonArray(),
                }),
            },
        });
        Assign("/subscriptions/" + EmulatorFixture.SubscriptionId, roleGuid, AddAstronomerPrincipal());
        var (created, body) = await Support(Peerings, "vnet-shared");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Initiated", State(body!));
    }

    [Fact]
    public async Task Astronomer_removing_its_side_disconnects_the_customer_side()
    {
        Assign(Id("vnet-hub"), NetworkContributor, AddAstronomerPrincipal());
        Fx.Host.State.Settings.PeeringPollsBeforeConnected = 0;
        var (created, body) = await Support(Peerings, "vnet-hub");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("Connected", State(body!));

        var (removed, _) = await Support(Peerings + "?virtualNetworkId=" + Uri.EscapeDataString(Id("vnet-hub")), "vnet-hub", HttpMethod.Delete);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal("Disconnected", State(await GetOk(Vnets + $"vnet-hub/virtualNetworkPeerings/astro-{Dedicated}" + Version)));
        var (again, _) = await Support(Peerings + "?virtualNetworkId=" + Uri.EscapeDataString(Id("vnet-hub")), "vnet-hub", HttpMethod.Delete);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData("cm4awsded00000000000000c3", "vnet-hub", HttpStatusCode.BadRequest, "AWS")]
    [InlineData("cm4nope000000000000000000", "vnet-hub", HttpStatusCode.NotFound, "No Astro cluster")]
    [InlineData(Dedicated, "vnet-missing", HttpStatusCode.NotFound, "No virtual network")]
    [InlineData(Dedicated, "vnet-overlap", HttpStatusCode.BadRequest, "172.20.0.0/16 (local) and 172.20.0.0/19 (remote)")]
    [InlineData(Dedicated, "vnet-spoke", HttpStatusCode.BadRequest, "VnetAddressSpaceOverlapsWithAlreadyPeeredVnet")]
    public async Task Clusters_that_cannot_peer_and_overlapping_spaces_are_refused(string clusterId, string vnet, HttpStatusCode status, string text)
    {
        var principal = AddAstronomerPrincipal();
        Assign("/subscriptions/" + EmulatorFixture.SubscriptionId, NetworkContributor, principal);
        var (response, body) = await Support($"_emulator/astro/clusters/{clusterId}/peerings", vnet);
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(text, Problem(body));
        if (vnet != "vnet-missing")
        {
            Assert.DoesNotContain(await ListAll(Vnets + vnet + "/virtualNetworkPeerings" + Version), p => ((string)p["name"]!).StartsWith("astro-", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_standard_cluster_cannot_peer()
    {
        const string standard = "cm4std00000000000000000s1";
        lock (Fx.Host.State.Sync)
        {
            Fx.Host.State.Organizations[0].StandardClusters.Add(new JsonObject
            {
                ["id"] = standard, ["name"] = "standard-eastus2", ["cloudProvider"] = "AZURE", ["type"] = "DEDICATED", ["vpcSubnetRange"] = "172.30.0.0/19",
            });
        }
        Assign(Id("vnet-hub"), NetworkContributor, AddAstronomerPrincipal());
        var (response, body) = await Support($"_emulator/astro/clusters/{standard}/peerings", "vnet-hub");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("standard", Problem(body));
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Tests.Emulator;
using Xunit;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.PrivateLink;

/// <summary>New-AstroPrivateLinkRequest's engine: group IDs per type, the resource must exist, dedicated clusters only, ticket and JSON.</summary>
public sealed class PrivateLinkRequestTests(EmulatorFixture fixture) : PrivateLinkTestBase(fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_registry_request_names_the_data_endpoint_and_the_cluster()
    {
        var resource = Resources["registry"];
        var location = (string)Fixture.Host.State.Resources.Get(resource.ResourceId)!.Body["location"]!;

        var request = await (await TicketsAsync()).NewRequestAsync(resource.ResourceId, "Registry", ClusterId("azure-dedicated"), None);

        Assert.Equal(("registry", $"acrcontosodata.{location}.data.azurecr.io", "acrcontosodata"), (request.GroupId, request.DataEndpoint, request.ResourceName));
        Assert.Equal((ClusterId("azure-dedicated"), "azure-dedicated"), (request.ClusterId, request.ClusterName));
        foreach (var line in new[] { "Resource name: acrcontosodata", "Resource ID: " + resource.ResourceId, "Private Link group ID: registry",
            "Data endpoint: " + request.DataEndpoint, "Astro cluster ID: " + request.ClusterId })
        {
            Assert.Contains(line + "\n", request.TicketText);
        }
        var json = JsonNode.Parse(request.Json)!;
        Assert.Equal((resource.ResourceId, "registry", request.DataEndpoint), ((string?)json["resourceId"], (string?)json["groupId"], (string?)json["dataEndpoint"]));
        Assert.Equal(0, await WritesAsync());
    }

    [Theory]
    [InlineData("storage", "BLOB", "blob")]
    [InlineData("storage", "dfs_secondary", "dfs_secondary")]
    [InlineData("cosmos", "mongodb", "MongoDB")]
    [InlineData("sql", "sqlserver", "sqlServer")]
    public async Task Group_ids_match_case_insensitively_and_come_back_canonical(string type, string given, string canonical)
    {
        var request = await (await TicketsAsync()).NewRequestAsync(Resources[type].ResourceId, given, null, None);

        Assert.Equal((canonical, (string?)null, (string?)null), (request.GroupId, request.DataEndpoint, request.ClusterId));
        Assert.Contains(canonical, request.ValidGroupIds);
        Assert.DoesNotContain("Astro cluster ID", request.TicketText);
    }

    [Fact]
    public async Task A_bad_group_id_names_the_valid_ones_before_any_call()
    {
        var tickets = await TicketsAsync();

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => tickets.NewRequestAsync(Resources["storage"].ResourceId, "blobs", null, None));

        Assert.Equal(("InvalidGroupId", FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
        Assert.Contains("blob, blob_secondary, table", ex.Message);
        Assert.Equal(0, await WritesAsync());
        Assert.Empty(Fixture.Host.Requests);
    }

    [Fact]
    public async Task A_private_link_service_takes_no_group_id()
    {
        var tickets = await TicketsAsync();
        var id = Resources["privatelinkservice"].ResourceId;

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => tickets.NewRequestAsync(id, "vault", null, None));
        var request = await tickets.NewRequestAsync(id, "", null, None);

        Assert.Equal("InvalidGroupId", ex.ErrorId);
        Assert.Equal(("", 0), (request.GroupId, request.ValidGroupIds.Length));
        Assert.Empty(PrivateLinkEngine.GroupIdsFor("microsoft.network/privatelinkservices"));
    }

    [Fact]
    public async Task A_standard_cluster_cannot_use_private_link()
    {
        var tickets = await TicketsAsync();

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            tickets.NewRequestAsync(Resources["keyvault"].ResourceId, "vault", StandardClusterId, None));

        Assert.Equal(("StandardClusterCannotUsePrivateLink", FailureKind.InvalidOperation), (ex.ErrorId, ex.Kind));
        Assert.Contains("Add-AstroAllowlist", ex.Message);
        await WritesAsync();
        Assert.Equal(0, Fixture.Host.Requests.Count(r => r.Service == "arm"));
    }

    [Fact]
    public async Task An_aws_cluster_is_not_on_azure()
    {
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(async () =>
            await (await TicketsAsync()).NewRequestAsync(Resources["keyvault"].ResourceId, "vault", ClusterId("aws-dedicated"), None));

        Assert.Equal(("ClusterNotOnAzure", FailureKind.InvalidOperation), (ex.ErrorId, ex.Kind));
        Assert.Contains("Private Link", ex.Message);
    }

    [Fact]
    public async Task The_resource_must_exist()
    {
        var id = Resources["keyvault"].ResourceId + "-gone";

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(async () => await (await TicketsAsync()).NewRequestAsync(id, "vault", null, None));

        Assert.Equal(("PrivateLinkResourceNotFound", FailureKind.ObjectNotFound), (ex.ErrorId, ex.Kind));
    }
}

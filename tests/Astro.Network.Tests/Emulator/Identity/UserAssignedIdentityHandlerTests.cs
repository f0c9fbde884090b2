using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Identity;
using Astro.Network.Tests.Emulator.Handlers;
using Xunit;

namespace Astro.Network.Tests.Emulator.Identity;

public sealed class UserAssignedIdentityHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Version = "?api-version=2023-01-31";
    private const string Identities = Sub + "/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities";

    private static string Identity(string name) => $"{Identities}/{name}{Version}";

    /// <summary>An ARM token for the first app of the loaded scenario's <paramref name="tenantId"/>.</summary>
    private string IssueToken(string tenantId)
    {
        var app = Fx.Host.State.FindTenant(tenantId)!.Apps[0];
        return Fx.Host.State.Tokens.Issue(new EmulatorPrincipal(app.ObjectId, tenantId, app.ClientId, EmulatorPrincipal.App, app.DisplayName),
            EmulatorFixture.ArmAudience, TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData("test")]
    [InlineData("demo")]
    public async Task Every_scenario_user_assigned_identity_is_a_resource_with_the_same_ids(string scenario)
    {
        Fx.Host.LoadScenario(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Scenarios", scenario + ".json")));
        var mi = Fx.Host.State.ManagedIdentity!;
        Assert.NotEmpty(mi.UserAssigned);
        foreach (var entry in mi.UserAssigned)
        {
            var (_, identity) = await Fx.SendAsync(Client, HttpMethod.Get, entry.ResourceId!.TrimStart('/') + Version, IssueToken(mi.TenantId));
            Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities", (string)identity!["type"]!);
            Assert.Equal(entry.ClientId, (string)identity["properties"]!["clientId"]!);
            Assert.Equal(entry.PrincipalId, (string)identity["properties"]!["principalId"]!);
            Assert.Equal(mi.TenantId, (string)identity["properties"]!["tenantId"]!);
        }
    }

    [Fact]
    public async Task Put_creates_with_generated_ids_ignoring_sent_properties_and_a_second_put_keeps_them()
    {
        var (created, body) = await Send(HttpMethod.Put, Identity("uami-new"), new JsonObject
        {
            ["location"] = "eastus2",
            ["tags"] = new JsonObject { ["team"] = "data" },
            ["properties"] = new JsonObject { ["clientId"] = "00000000-0000-0000-0000-000000000001" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var clientId = (string)body!["properties"]!["clientId"]!;
        Assert.NotEqual("00000000-0000-0000-0000-000000000001", clientId);
        Assert.True(Guid.TryParse(clientId, out _));
        Assert.True(Guid.TryParse((string)body["properties"]!["principalId"]!, out _));
        Assert.Equal(EmulatorFixture.TenantId, (string)body["properties"]!["tenantId"]!);
        Assert.Equal("uami-new", (string)body["name"]!);

        var (updated, again) = await Send(HttpMethod.Put, Identity("uami-new"), new JsonObject { ["location"] = "East US 2", ["tags"] = new JsonObject { ["team"] = "ops" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(clientId, (string)again!["properties"]!["clientId"]!);
        Assert.Equal("ops", (string)(await GetOk(Identity("uami-new")))["tags"]!["team"]!);
    }

    [Fact]
    public async Task Put_needs_a_location_a_valid_name_and_the_existing_location()
    {
        await AssertError(Send(HttpMethod.Put, Identity("uami-nowhere"), new JsonObject()), HttpStatusCode.BadRequest, "LocationRequired");
        await AssertError(Send(HttpMethod.Put, Identity("-bad"), new JsonObject { ["location"] = "eastus2" }), HttpStatusCode.BadRequest, "InvalidResourceName");
        await AssertError(Send(HttpMethod.Put, Identity("uami-astro"), new JsonObject { ["location"] = "westus" }), HttpStatusCode.BadRequest, "InvalidResourceLocation");
        await AssertError(Send(HttpMethod.Get, Identity("uami-nowhere")), HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Equal("eastus2", (string)(await GetOk(Identity("uami-astro")))["location"]!);
    }

    [Fact]
    public async Task Patch_changes_tags_only()
    {
        var before = await GetOk(Identity("uami-astro"));
        var (response, body) = await Send(HttpMethod.Patch, Identity("uami-astro"), new JsonObject
        {
            ["tags"] = new JsonObject { ["owner"] = "platform" },
            ["properties"] = new JsonObject { ["clientId"] = "00000000-0000-0000-0000-000000000001" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("platform", (string)body!["tags"]!["owner"]!);
        Assert.True(JsonNode.DeepEquals(before["properties"], body["properties"]));
        await AssertError(Send(HttpMethod.Patch, Identity("uami-missing"), new JsonObject { ["tags"] = new JsonObject() }), HttpStatusCode.NotFound, "ResourceNotFound");
        await AssertError(Send(HttpMethod.Patch, Identity("uami-astro"), new JsonObject { ["tags"] = "x" }), HttpStatusCode.BadRequest, "InvalidRequestContent");
    }

    [Fact]
    public async Task Lists_by_resource_group_and_subscription_in_pages()
    {
        await Send(HttpMethod.Put, Identity("uami-third"), new JsonObject { ["location"] = "eastus2" });
        var first = await GetOk(Identities + Version);
        Assert.Equal(2, first["value"]!.AsArray().Count);
        Assert.NotNull(first["nextLink"]);
        Assert.Equal(["uami-astro", "uami-crowded", "uami-third"], (await ListAll(Identities + Version)).Select(i => (string)i["name"]!));
        var all = await ListAll(Sub + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities" + Version);
        Assert.Equal(["uami-astro", "uami-crowded", "uami-third"], all.Select(i => (string)i["name"]!));
    }

    [Fact]
    public async Task Delete_removes_the_identity_with_its_credentials_then_answers_204()
    {
        var (deleted, _) = await Send(HttpMethod.Delete, Identity("uami-astro"));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain(Fx.Host.State.Resources.All(), r => r.Id.Contains("/uami-astro/", StringComparison.OrdinalIgnoreCase));
        var (again, _) = await Send(HttpMethod.Delete, Identity("uami-astro"));
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);

        // Recreated under the same name it starts without credentials.
        await Send(HttpMethod.Put, Identity("uami-astro"), new JsonObject { ["location"] = "eastus2" });
        Assert.Empty(await ListAll($"{Identities}/uami-astro/federatedIdentityCredentials{Version}"));
    }
}

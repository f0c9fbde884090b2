using System.Net;
using Xunit;

namespace Astro.Network.Tests.Emulator.Graph;

[Collection(EmulatorCollection.Name)]
public sealed class ServicePrincipalCreateTests(EmulatorFixture fx) : GraphTestBase(fx)
{
    [Fact]
    public async Task Get_404_then_create_201_then_409_then_get_returns_the_created_object()
    {
        var (missing, missingBody, _) = await Graph(HttpMethod.Get, $"servicePrincipals(appId='{AstronomerAppId}')");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        AssertGraphError(missingBody, "Request_ResourceNotFound");

        var (created, body, response) = await Graph(HttpMethod.Post, "servicePrincipals", body: CreateBody(AstronomerAppId));
        Assert.Equal(HttpStatusCode.Created, created);
        var id = (string)body!["id"]!;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal(AstronomerAppId, (string?)body["appId"]);
        Assert.Equal("Astronomer", (string?)body["displayName"]);
        Assert.Equal("Application", (string?)body["servicePrincipalType"]);
        Assert.Equal(AstronomerPublisherTenant, (string?)body["appOwnerOrganizationId"]);
        Assert.Equal("AzureADMultipleOrgs", (string?)body["signInAudience"]);
        Assert.Equal(AstronomerAppId, (string?)body["servicePrincipalNames"]![0]);
        Assert.EndsWith($"graph/v1.0/servicePrincipals/{id}", response.Headers.Location!.ToString());
        Assert.Contains("$metadata#servicePrincipals", (string?)body["@odata.context"]);

        var (again, againBody, _) = await Graph(HttpMethod.Post, "servicePrincipals", body: CreateBody(AstronomerAppId));
        Assert.Equal(HttpStatusCode.Conflict, again);
        AssertGraphError(againBody, "Request_MultipleObjectsWithSameKeyValue");
        Assert.Contains(AstronomerAppId, (string?)againBody!["error"]!["message"]);

        var (byAppId, byAppIdBody, _) = await Graph(HttpMethod.Get, $"servicePrincipals(appId='{AstronomerAppId}')");
        Assert.Equal(HttpStatusCode.OK, byAppId);
        Assert.Equal(id, (string?)byAppIdBody!["id"]);
        var (byId, byIdBody, _) = await Graph(HttpMethod.Get, $"servicePrincipals/{id}");
        Assert.Equal(HttpStatusCode.OK, byId);
        Assert.Equal(AstronomerAppId, (string?)byIdBody!["appId"]);

        var graph = Fx.Host.Requests.Where(r => r.Service == "graph").ToList();
        Assert.Equal(2, graph.Count(r => r.IsWrite));
        Assert.All(graph.Where(r => r.Method == "POST"), r => Assert.True(r.IsWrite));
        Assert.All(graph.Where(r => r.Method == "GET"), r => Assert.False(r.IsWrite));
    }

    [Fact]
    public async Task A_new_service_principal_is_unknown_to_arm_during_the_replication_delay()
    {
        Assert.True(Fx.Host.State.Settings.PrincipalReplicationDelayMs > 0);
        var (_, body, _) = await Graph(HttpMethod.Post, "servicePrincipals", body: CreateBody(AstronomerAppId));
        var id = (string)body!["id"]!;
        Assert.False(Fx.Host.State.IsVisibleToArm(id));
        await Task.Delay(Fx.Host.State.Settings.PrincipalReplicationDelayMs + 200);
        Assert.True(Fx.Host.State.IsVisibleToArm(id));
    }

    [Fact]
    public async Task Unknown_app_or_missing_appId_is_a_bad_request_and_creates_nothing()
    {
        var before = ServicePrincipalCount();
        const string unknown = "11111111-2222-4333-8444-555555555555";
        var (status, body, _) = await Graph(HttpMethod.Post, "servicePrincipals", body: CreateBody(unknown));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertGraphError(body, "Request_BadRequest");
        Assert.Equal($"The appId '{unknown}' of the service principal does not reference a valid application object.", (string?)body!["error"]!["message"]);

        var (missing, missingBody, _) = await Graph(HttpMethod.Post, "servicePrincipals", body: new System.Text.Json.Nodes.JsonObject { ["displayName"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        AssertGraphError(missingBody, "Request_BadRequest");
        Assert.Equal(before, ServicePrincipalCount());
    }

    [Fact]
    public async Task The_tenants_own_app_always_has_a_service_principal()
    {
        var (status, body, _) = await Graph(HttpMethod.Post, "servicePrincipals", body: CreateBody(ReadonlyClientId));
        Assert.Equal(HttpStatusCode.Conflict, status);
        AssertGraphError(body, "Request_MultipleObjectsWithSameKeyValue");
    }

    [Fact]
    public async Task An_app_without_graph_roles_is_denied_and_nothing_is_created()
    {
        var (status, body, _) = await Graph(HttpMethod.Post, "servicePrincipals", ReadonlyApp, CreateBody(AstronomerAppId));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        AssertGraphError(body, "Authorization_RequestDenied");
        Assert.Equal("Insufficient privileges to complete the operation.", (string?)body!["error"]!["message"]);
        Assert.Empty(Fx.Host.State.ServicePrincipalsIn(EmulatorFixture.TenantId));

        var (read, _, _) = await Graph(HttpMethod.Get, $"servicePrincipals(appId='{AstronomerAppId}')", ReadonlyApp);
        Assert.Equal(HttpStatusCode.Forbidden, read);
    }

    [Fact]
    public async Task A_user_needs_an_application_administrator_role()
    {
        var (withRole, _, _) = await Graph(HttpMethod.Post, "servicePrincipals", Operator, CreateBody(AstronomerAppId));
        Assert.Equal(HttpStatusCode.Created, withRole);

        Fx.Host.Reset();
        Fx.Host.State.FindTenant(EmulatorFixture.TenantId)!.Users.Single().DirectoryRoles.Clear();
        var (without, body, _) = await Graph(HttpMethod.Post, "servicePrincipals", Operator, CreateBody(AstronomerAppId));
        Assert.Equal(HttpStatusCode.Forbidden, without);
        AssertGraphError(body, "Authorization_RequestDenied");
        Assert.Empty(Fx.Host.State.ServicePrincipalsIn(EmulatorFixture.TenantId));

        var (read, _, _) = await Graph(HttpMethod.Get, $"servicePrincipals(appId='{EmulatorFixture.ClientId}')", Operator);
        Assert.Equal(HttpStatusCode.OK, read);
    }

    [Fact]
    public async Task Managed_identities_need_Application_ReadWrite_All()
    {
        var (denied, _, _) = await Graph(HttpMethod.Post, "servicePrincipals", UserIdentity, CreateBody(AstronomerAppId));
        Assert.Equal(HttpStatusCode.Forbidden, denied);
        var (created, body, _) = await Graph(HttpMethod.Post, "servicePrincipals", SystemIdentity, CreateBody(AstronomerAppId));
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(EmulatorFixture.TenantId, Fx.Host.State.ServicePrincipalsIn(EmulatorFixture.TenantId).Single(sp => sp.ObjectId == (string)body!["id"]!).TenantId);
    }

    [Fact]
    public async Task Delete_checks_rights_and_existence()
    {
        var (denied, _, _) = await Graph(HttpMethod.Delete, $"servicePrincipals/{EmulatorFixture.ClientObjectId}", ReadonlyApp);
        Assert.Equal(HttpStatusCode.Forbidden, denied);
        var (absent, body, _) = await Graph(HttpMethod.Delete, "servicePrincipals/11111111-2222-4333-8444-555555555555");
        Assert.Equal(HttpStatusCode.NotFound, absent);
        AssertGraphError(body, "Request_ResourceNotFound");
        var (own, _, _) = await Graph(HttpMethod.Delete, $"servicePrincipals/{ReadonlyObjectId}");
        Assert.Equal(HttpStatusCode.Forbidden, own);
        var (invalid, invalidBody, _) = await Graph(HttpMethod.Delete, "servicePrincipals/not-a-guid");
        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        AssertGraphError(invalidBody, "Request_BadRequest");
    }
}

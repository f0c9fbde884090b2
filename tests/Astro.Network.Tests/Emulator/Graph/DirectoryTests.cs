using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Graph;

[Collection(EmulatorCollection.Name)]
public sealed class DirectoryTests(EmulatorFixture fx) : GraphTestBase(fx)
{
    [Fact]
    public async Task Organization_is_the_callers_tenant()
    {
        var (status, body, _) = await Graph(HttpMethod.Get, "organization", Operator);
        Assert.Equal(HttpStatusCode.OK, status);
        var org = Assert.Single(body!["value"]!.AsArray())!;
        Assert.Equal(EmulatorFixture.TenantId, (string?)org["id"]);
        Assert.Equal("Contoso Test", (string?)org["displayName"]);
        var domains = org["verifiedDomains"]!.AsArray();
        Assert.Contains(domains, d => (bool)d!["isInitial"]! && ((string?)d["name"])!.EndsWith(".onmicrosoft.com", StringComparison.Ordinal));
        Assert.Single(domains, d => (bool)d!["isDefault"]!);
        Assert.EndsWith("$metadata#organization", (string?)body["@odata.context"]);
    }

    [Fact]
    public async Task GetByIds_returns_typed_service_principals_and_users()
    {
        var ids = new JsonArray(EmulatorFixture.ClientObjectId, UserObjectId, "11111111-2222-4333-8444-555555555555");
        var (status, body, _) = await Graph(HttpMethod.Post, "directoryObjects/getByIds", Operator,
            new JsonObject { ["ids"] = ids, ["types"] = new JsonArray("servicePrincipal", "user") });
        Assert.Equal(HttpStatusCode.OK, status);
        var value = body!["value"]!.AsArray();
        Assert.Equal(2, value.Count);
        Assert.Contains(value, v => (string?)v!["@odata.type"] == "#microsoft.graph.servicePrincipal" && (string?)v["id"] == EmulatorFixture.ClientObjectId);
        Assert.Contains(value, v => (string?)v!["@odata.type"] == "#microsoft.graph.user" && (string?)v["userPrincipalName"] == UserPrincipalName);

        var (_, usersOnly, _) = await Graph(HttpMethod.Post, "directoryObjects/getByIds", Operator,
            new JsonObject { ["ids"] = ids.DeepClone(), ["types"] = new JsonArray("user") });
        Assert.Equal(UserObjectId, (string?)Assert.Single(usersOnly!["value"]!.AsArray())!["id"]);

        var (noIds, noIdsBody, _) = await Graph(HttpMethod.Post, "directoryObjects/getByIds", Operator, new JsonObject());
        Assert.Equal(HttpStatusCode.BadRequest, noIds);
        AssertGraphError(noIdsBody, "Request_BadRequest");
    }

    [Fact]
    public async Task Applications_show_only_the_tenants_own_registrations()
    {
        var (_, own, _) = await Graph(HttpMethod.Get, "applications?$filter=" + Uri.EscapeDataString($"appId eq '{EmulatorFixture.ClientId}'"));
        var app = Assert.Single(own!["value"]!.AsArray())!;
        Assert.Equal(EmulatorFixture.ClientId, (string?)app["appId"]);
        Assert.NotEqual(EmulatorFixture.ClientObjectId, (string?)app["id"]);
        var (byId, _, _) = await Graph(HttpMethod.Get, $"applications/{(string)app["id"]!}");
        Assert.Equal(HttpStatusCode.OK, byId);

        var (_, foreign, _) = await Graph(HttpMethod.Get, "applications?$filter=" + Uri.EscapeDataString($"appId eq '{AstronomerAppId}'"));
        Assert.Empty(foreign!["value"]!.AsArray());
    }

    [Fact]
    public async Task Users_by_object_id_or_user_principal_name()
    {
        var (byId, body, _) = await Graph(HttpMethod.Get, $"users/{UserObjectId}", Operator);
        Assert.Equal(HttpStatusCode.OK, byId);
        Assert.Equal(UserPrincipalName, (string?)body!["userPrincipalName"]);
        var (byUpn, upnBody, _) = await Graph(HttpMethod.Get, $"users/{UserPrincipalName}", Operator);
        Assert.Equal(HttpStatusCode.OK, byUpn);
        Assert.Equal(UserObjectId, (string?)upnBody!["id"]);
        var (missing, missingBody, _) = await Graph(HttpMethod.Get, "users/11111111-2222-4333-8444-555555555555", Operator);
        Assert.Equal(HttpStatusCode.NotFound, missing);
        AssertGraphError(missingBody, "Request_ResourceNotFound");
        var (appWithoutUserRead, _, _) = await Graph(HttpMethod.Get, $"users/{UserObjectId}", ReadonlyApp);
        Assert.Equal(HttpStatusCode.Forbidden, appWithoutUserRead);
    }

    [Fact]
    public async Task Tokens_carry_graph_roles_and_directory_role_template_ids()
    {
        Assert.Equal(["Application.ReadWrite.All"], Strings(Claims(TokenFor(CiApp))["roles"]));
        Assert.Null(Claims(TokenFor(CiApp, EmulatorFixture.ArmAudience))["roles"]);
        Assert.Null(Claims(TokenFor(ReadonlyApp))["roles"]);
        Assert.Equal(["Application.ReadWrite.All"], Strings(Claims(TokenFor(SystemIdentity))["roles"]));
        Assert.Contains("158c047a-c907-4556-b7ef-446551a6b5f7", Strings(Claims(TokenFor(Operator))["wids"]));

        // Through the token endpoint too (client credentials for the Graph scope).
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = EmulatorFixture.ClientId,
            ["client_secret"] = EmulatorFixture.ClientSecret, ["scope"] = "https://graph.microsoft.com/.default",
        });
        var response = await Client.PostAsync($"{EmulatorFixture.TenantId}/oauth2/v2.0/token", form);
        var token = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["access_token"]!;
        Assert.Equal(["Application.ReadWrite.All"], Strings(Claims(token)["roles"]));
    }

    [Fact]
    public async Task Unknown_key_syntax_and_methods_are_rejected()
    {
        var (badKey, _, _) = await Graph(HttpMethod.Get, "servicePrincipals(displayName='x')");
        Assert.Equal(HttpStatusCode.BadRequest, badKey);
        var (badSyntax, _, _) = await Graph(HttpMethod.Get, "servicePrincipals(appId=x)");
        Assert.Equal(HttpStatusCode.BadRequest, badSyntax);
        var (put, body, _) = await Graph(HttpMethod.Put, "servicePrincipals", body: new JsonObject());
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put);
        AssertGraphError(body, "Request_BadRequest");
    }

    private static JsonObject Claims(string jwt)
    {
        var part = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part.PadRight(part.Length + (4 - part.Length % 4) % 4, '='))))!.AsObject();
    }

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(v => (string)v!).ToArray();
}

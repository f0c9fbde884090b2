using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Graph;

[Collection(EmulatorCollection.Name)]
public sealed class ServicePrincipalQueryTests(EmulatorFixture fx) : GraphTestBase(fx)
{
    [Theory]
    [InlineData("appId eq '{0}'")]
    [InlineData("servicePrincipalNames/any(c:c eq '{0}')")]
    [InlineData("displayName eq 'astro-network-readonly'")]
    [InlineData("AppId eq '{0}'")]
    public async Task Filter_forms_find_the_service_principal(string filter)
    {
        var (status, body, _) = await Graph(HttpMethod.Get, "servicePrincipals?$filter=" + Uri.EscapeDataString(string.Format(filter, ReadonlyClientId)));
        Assert.Equal(HttpStatusCode.OK, status);
        var item = Assert.Single(body!["value"]!.AsArray());
        Assert.Equal(ReadonlyObjectId, (string?)item!["id"]);
        Assert.Equal("AzureADMyOrg", (string?)item["signInAudience"]);
        Assert.Equal(EmulatorFixture.TenantId, (string?)item["appOwnerOrganizationId"]);
        Assert.EndsWith("$metadata#servicePrincipals", (string?)body["@odata.context"]);
    }

    [Fact]
    public async Task Filter_without_a_match_is_an_empty_page_and_a_created_principal_is_found()
    {
        var path = "servicePrincipals?$filter=" + Uri.EscapeDataString($"appId eq '{AstronomerAppId}'");
        var (_, empty, _) = await Graph(HttpMethod.Get, path);
        Assert.Empty(empty!["value"]!.AsArray());
        Assert.NotNull(empty["@odata.context"]);

        await Graph(HttpMethod.Post, "servicePrincipals", body: CreateBody(AstronomerAppId));
        var (_, found, _) = await Graph(HttpMethod.Get, path);
        Assert.Equal(AstronomerAppId, (string?)Assert.Single(found!["value"]!.AsArray())!["appId"]);
    }

    [Theory]
    [InlineData("startswith(displayName,'astro')")]
    [InlineData("accountEnabled eq true")]
    [InlineData("tags/any(t:t eq 'x')")]
    [InlineData("appId ne 'x'")]
    public async Task Unsupported_filters_are_rejected(string filter)
    {
        var (status, body, _) = await Graph(HttpMethod.Get, "servicePrincipals?$filter=" + Uri.EscapeDataString(filter));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertGraphError(body, "Request_UnsupportedQuery");
    }

    [Fact]
    public async Task Select_returns_only_the_listed_properties_plus_id()
    {
        var (_, list, _) = await Graph(HttpMethod.Get, "servicePrincipals?$select=appId,displayName&$filter=" + Uri.EscapeDataString($"appId eq '{EmulatorFixture.ClientId}'"));
        var item = Assert.Single(list!["value"]!.AsArray())!.AsObject();
        Assert.Equal(["id", "appId", "displayName"], item.Select(p => p.Key));
        Assert.EndsWith("$metadata#servicePrincipals(appId,displayName)", (string?)list["@odata.context"]);

        var (_, single, _) = await Graph(HttpMethod.Get, $"servicePrincipals(appId='{EmulatorFixture.ClientId}')?$select=servicePrincipalType");
        Assert.Equal(["@odata.context", "id", "servicePrincipalType"], single!.AsObject().Select(p => p.Key));

        var (bad, badBody, _) = await Graph(HttpMethod.Get, "servicePrincipals?$select=appId,secretText");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        AssertGraphError(badBody, "BadRequest");
    }

    [Fact]
    public async Task Lists_page_with_nextLink_and_top()
    {
        var pageSize = Fx.Host.State.Settings.PageSize;
        var seen = new List<string>();
        string? next = "servicePrincipals";
        var pages = 0;
        while (next is not null)
        {
            var (status, body, _) = await Graph(HttpMethod.Get, next);
            Assert.Equal(HttpStatusCode.OK, status);
            var value = body!["value"]!.AsArray();
            Assert.InRange(value.Count, 1, pageSize);
            seen.AddRange(value.Select(v => (string)v!["id"]!));
            next = (string?)body["@odata.nextLink"];
            pages++;
        }
        // The tenant's own apps and the scenario's managed identities, each once.
        var state = Fx.Host.State;
        var expected = state.FindTenant(EmulatorFixture.TenantId)!.Apps.Select(a => a.ObjectId)
            .Concat(state.ManagedIdentity!.UserAssigned.Append(state.ManagedIdentity.SystemAssigned!).Select(i => i.PrincipalId));
        Assert.Equal(expected.Order(), seen.Order());
        Assert.Equal((seen.Count + pageSize - 1) / pageSize, pages);

        var (_, top, _) = await Graph(HttpMethod.Get, $"servicePrincipals?$top={seen.Count - 1}");
        Assert.Equal(seen.Count - 1, top!["value"]!.AsArray().Count);
        var (_, rest, _) = await Graph(HttpMethod.Get, (string)top["@odata.nextLink"]!);
        Assert.Single(rest!["value"]!.AsArray());
        Assert.Null(rest["@odata.nextLink"]);

        var (badTop, badTopBody, _) = await Graph(HttpMethod.Get, "servicePrincipals?$top=0");
        Assert.Equal(HttpStatusCode.BadRequest, badTop);
        AssertGraphError(badTopBody, "Request_UnsupportedQuery");
    }

    [Fact]
    public async Task Managed_identities_are_listed_as_such()
    {
        var (_, body, _) = await Graph(HttpMethod.Get, $"servicePrincipals/{UserIdentityObjectId}");
        Assert.Equal("ManagedIdentity", (string?)body!["servicePrincipalType"]);
        Assert.Equal("uami-astro", (string?)body["displayName"]);
        Assert.Contains(body["servicePrincipalNames"]!.AsArray(), n => ((string?)n)!.EndsWith("/uami-astro", StringComparison.Ordinal));
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Identity;
using Xunit;

namespace Astro.Network.Tests.Emulator.Rbac;

public sealed class RoleAssignmentTests(EmulatorFixture fx) : RbacTestBase(fx)
{
    private const string NewName = "0c0ffee0-0000-4000-8000-000000000001";

    [Fact]
    public async Task Create_answers_201_with_the_spec_shape_and_reads_back()
    {
        var astronomer = AddAstronomerPrincipal();
        await WaitForReplication(astronomer);
        var (created, body) = await Send(HttpMethod.Put, AssignmentUrl(VnetHub, NewName), Assignment(NetworkContributor, astronomer, scope: "")); // tenant-form role ID
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.False(created.Headers.Contains("Azure-AsyncOperation"));
        Assert.Equal($"{VnetHub}{Auth}roleAssignments/{NewName}", (string)body!["id"]!);
        Assert.Equal("Microsoft.Authorization/roleAssignments", (string)body["type"]!);
        var p = body["properties"]!.AsObject();
        Assert.Equal(RoleId(NetworkContributor), (string)p["roleDefinitionId"]!);
        Assert.Equal(VnetHub, (string)p["scope"]!);
        Assert.Equal("ServicePrincipal", (string)p["principalType"]!);
        Assert.Equal(EmulatorFixture.ClientObjectId, (string)p["createdBy"]!);
        Assert.True(p.ContainsKey("condition") && p["condition"] is null && p.ContainsKey("conditionVersion"));
        Assert.True(DateTimeOffset.TryParse((string)p["createdOn"]!, out _));

        var read = await GetOk(AssignmentUrl(VnetHub, NewName));
        Assert.Equal(body.ToJsonString(), read.ToJsonString());
    }

    [Fact]
    public async Task Seeded_assignments_carry_the_spec_properties()
    {
        var decoy = await GetOk(AssignmentUrl(VnetHub, DecoyName));
        var p = decoy["properties"]!;
        Assert.Equal(RoleId(NetworkContributor), (string)p["roleDefinitionId"]!);
        Assert.Equal(ReadonlyObjectId, (string)p["principalId"]!);
        Assert.Equal(VnetHub, (string)p["scope"]!);
        Assert.NotNull((string?)p["createdOn"]);
    }

    [Fact]
    public async Task The_same_grant_under_its_own_name_updates_the_description_and_under_another_name_is_409()
    {
        // Recording authorization/test_role_assignment_create_update.yaml · 10 and 12: the same name again answers 201 and
        // takes the new description; container_registry_identity_user · 39: a new name for the same grant is 409.
        var body = Assignment(Reader, UserObjectId, "User");
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Put, AssignmentUrl(RgNetwork, NewName), body)).Response.StatusCode);

        body["properties"]!["description"] = "Some updated description.";
        var (sameName, sameBody) = await Send(HttpMethod.Put, AssignmentUrl(RgNetwork, NewName), body);
        Assert.Equal(HttpStatusCode.Created, sameName.StatusCode);
        Assert.Equal("Some updated description.", (string)sameBody!["properties"]!["description"]!);
        Assert.Equal("Some updated description.", (string)(await GetOk(AssignmentUrl(RgNetwork, NewName)))["properties"]!["description"]!);

        var (otherName, otherBody) = await Send(HttpMethod.Put, AssignmentUrl(RgNetwork, Guid.NewGuid().ToString()), body);
        Assert.Equal(HttpStatusCode.Conflict, otherName.StatusCode);
        Assert.Equal("RoleAssignmentExists", (string)otherBody!["error"]!["code"]!);
        Assert.Contains(NewName.Replace("-", ""), (string)otherBody["error"]!["message"]!);
        Assert.Single(await ListAll(RgNetwork + Auth + "roleAssignments" + V + Filter($"atScope() and assignedTo('{UserObjectId}')")),
            a => (string)a["properties"]!["scope"]! == RgNetwork);
    }

    [Fact]
    public async Task Same_name_with_other_content_is_400_RoleAssignmentUpdateNotPermitted()
    {
        await AssertError(Send(HttpMethod.Put, AssignmentUrl(VnetHub, DecoyName), Assignment(Reader, ReadonlyObjectId)),
            HttpStatusCode.BadRequest, "RoleAssignmentUpdateNotPermitted");
        Assert.Equal(RoleId(NetworkContributor), (string)(await GetOk(AssignmentUrl(VnetHub, DecoyName)))["properties"]!["roleDefinitionId"]!);
    }

    [Fact]
    public async Task A_new_principal_is_PrincipalNotFound_until_it_replicates()
    {
        var astronomer = AddAstronomerPrincipal();
        var (early, body) = await Send(HttpMethod.Put, AssignmentUrl(VnetHub, NewName), Assignment(NetworkContributor, astronomer));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal("PrincipalNotFound", (string)body!["error"]!["code"]!);
        Assert.Contains($"Principal {astronomer.Replace("-", "")} does not exist in the directory {EmulatorFixture.TenantId}", (string)body["error"]!["message"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, AssignmentUrl(VnetHub, NewName))).Response.StatusCode);

        await WaitForReplication(astronomer);
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Put, AssignmentUrl(VnetHub, NewName), Assignment(NetworkContributor, astronomer))).Response.StatusCode);
    }

    [Theory]
    [InlineData("00000000-1111-4222-8333-444444444444", Reader, "ServicePrincipal", HttpStatusCode.BadRequest, "PrincipalNotFound")]
    [InlineData(UserObjectId, Reader, "ServicePrincipal", HttpStatusCode.BadRequest, "UnmatchedPrincipalType")]
    [InlineData(ReadonlyObjectId, Reader, "User", HttpStatusCode.BadRequest, "UnmatchedPrincipalType")]
    [InlineData(ReadonlyObjectId, "99999999-9999-4999-8999-999999999999", "ServicePrincipal", HttpStatusCode.BadRequest, "RoleDefinitionDoesNotExist")]
    public async Task Bad_assignments_are_refused_and_nothing_is_written(string principal, string role, string type, HttpStatusCode status, string code)
    {
        await AssertError(Send(HttpMethod.Put, AssignmentUrl(RgNetwork, NewName), Assignment(role, principal, type)), status, code);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, AssignmentUrl(RgNetwork, NewName))).Response.StatusCode);
    }

    [Fact]
    public async Task A_name_that_is_not_a_guid_is_400()
    {
        await AssertError(Send(HttpMethod.Put, AssignmentUrl(RgNetwork, "astro-peering"), Assignment(Reader, UserObjectId, "User")),
            HttpStatusCode.BadRequest, "InvalidRoleAssignmentId");
    }

    [Fact]
    public async Task Omitted_principalType_is_resolved_from_the_directory()
    {
        var (_, body) = await Send(HttpMethod.Put, AssignmentUrl(RgNetwork, NewName), Assignment(Reader, UserObjectId, principalType: null));
        Assert.Equal("User", (string)body!["properties"]!["principalType"]!);
    }

    [Fact]
    public async Task A_reader_gets_403_AuthorizationFailed_naming_itself_and_the_scope()
    {
        var url = AssignmentUrl(RgNetwork, NewName);
        var (response, body) = await SendAs(ReadonlyApp, HttpMethod.Put, url, Assignment(Reader, UserObjectId, "User"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("AuthorizationFailed", (string)body!["error"]!["code"]!);
        var message = (string)body["error"]!["message"]!;
        Assert.Contains($"object id '{ReadonlyObjectId}'", message);
        Assert.Contains("'Microsoft.Authorization/roleAssignments/write'", message);
        Assert.Contains($"over scope '{RgNetwork}{Auth}roleAssignments/{NewName}'", message);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, url)).Response.StatusCode);
        // Network Contributor on the VNet grants Microsoft.Authorization/*/read only.
        await AssertError(SendAs(ReadonlyApp, HttpMethod.Delete, AssignmentUrl(VnetHub, DecoyName)), HttpStatusCode.Forbidden, "AuthorizationFailed");
        await GetOk(AssignmentUrl(VnetHub, DecoyName));
    }

    [Fact]
    public async Task Contributor_cannot_write_role_assignments_because_notActions_subtract()
    {
        await AssertError(Send(HttpMethod.Put, AssignmentUrl(DevScope, NewName), Assignment(Reader, UserObjectId, "User", DevScope)),
            HttpStatusCode.Forbidden, "AuthorizationFailed");
    }

    [Fact]
    public async Task Delete_answers_200_with_the_body_then_204()
    {
        var (deleted, body) = await Send(HttpMethod.Delete, AssignmentUrl(VnetHub, DecoyName));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(ReadonlyObjectId, (string)body!["properties"]!["principalId"]!);
        var (again, _) = await Send(HttpMethod.Delete, AssignmentUrl(VnetHub, DecoyName));
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, AssignmentUrl(VnetHub, DecoyName))).Response.StatusCode);
    }

    [Fact]
    public async Task Unfiltered_list_covers_above_at_and_below_the_scope_and_pages()
    {
        var rows = await ListAll(RgNetwork + Auth + "roleAssignments" + V);
        var scopes = rows.Select(r => (string)r["properties"]!["scope"]!).ToList();
        Assert.Contains(SubScope, scopes);
        Assert.Contains(VnetHub, scopes);
        Assert.DoesNotContain(DevScope, scopes);
        Assert.Equal(6 - 1, rows.Count); // every seed except the one on the dev subscription
        var (_, first) = await Send(HttpMethod.Get, RgNetwork + Auth + "roleAssignments" + V);
        Assert.Equal(2, first!["value"]!.AsArray().Count);
        Assert.Contains("skiptoken", (string)first["nextLink"]!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Filters_select_by_scope_and_principal()
    {
        var list = RgNetwork + Auth + "roleAssignments" + V;
        var atScope = await ListAll(list + Filter("atScope()"));
        Assert.All(atScope, a => Assert.Equal(SubScope, (string)a["properties"]!["scope"]!));
        Assert.Equal(4, atScope.Count);

        var byPrincipal = await ListAll(list + Filter($"principalId eq '{ReadonlyObjectId}'"));
        Assert.Equal([SubScope, VnetHub], byPrincipal.Select(a => (string)a["properties"]!["scope"]!).Order());
        var assignedTo = await ListAll(list + Filter($"assignedTo('{ReadonlyObjectId}')") + "&tenantId=" + EmulatorFixture.TenantId);
        Assert.Equal(byPrincipal.Select(a => (string)a["id"]!), assignedTo.Select(a => (string)a["id"]!));

        var dataRg = await ListAll($"{SubScope}/resourceGroups/rg-data{Auth}roleAssignments{V}" + Filter($"atScope() and assignedTo('{ReadonlyObjectId}')"));
        Assert.Equal([RoleId(Reader)], dataRg.Select(a => (string)a["properties"]!["roleDefinitionId"]!));

        await AssertError(Send(HttpMethod.Get, list + Filter("roleName eq 'Owner'")), HttpStatusCode.BadRequest, "UnsupportedQuery");
    }

    [Fact]
    public async Task Extension_scopes_must_exist_and_api_versions_are_checked()
    {
        var missing = RgNetwork + "/providers/Microsoft.Network/virtualNetworks/vnet-missing";
        await AssertError(Send(HttpMethod.Put, AssignmentUrl(missing, NewName), Assignment(Reader, UserObjectId, "User")), HttpStatusCode.NotFound, "ResourceNotFound");
        await GetOk($"{VnetHub}{Auth}roleAssignments/{DecoyName}?api-version=2020-04-01-preview");
        await AssertError(Send(HttpMethod.Get, $"{VnetHub}{Auth}roleAssignments/{DecoyName}?api-version=2015-07-01"), HttpStatusCode.BadRequest, "InvalidApiVersionParameter");
    }

    [Fact]
    public async Task A_managed_identity_owner_may_grant()
    {
        var mi = new EmulatorPrincipal("2c3d4e5f-6071-4829-9abc-def012345678", EmulatorFixture.TenantId, "3d4e5f60-7182-439a-abcd-ef0123456789", EmulatorPrincipal.ManagedIdentity, null);
        var (response, body) = await SendAs(mi, HttpMethod.Put, AssignmentUrl(VnetHub, NewName), Assignment(Reader, UserObjectId, "User"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(mi.ObjectId, (string)body!["properties"]!["createdBy"]!);
    }
}

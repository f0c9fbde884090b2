using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Rbac;

public sealed class RoleDefinitionTests(EmulatorFixture fx) : RbacTestBase(fx)
{
    private const string CustomGuid = "7c0de000-0000-4000-8000-000000000001";
    private const string CustomName = "Astro VNET Peering Contributor";

    [Fact]
    public async Task Built_in_roles_read_at_any_scope_with_the_scope_qualified_id()
    {
        var atVnet = await GetOk(VnetHub + Auth + "roleDefinitions/" + NetworkContributor + V);
        Assert.Equal(RoleId(NetworkContributor), (string)atVnet["id"]!);
        Assert.Equal("Network Contributor", (string)atVnet["properties"]!["roleName"]!);
        Assert.Equal("BuiltInRole", (string)atVnet["properties"]!["type"]!);
        Assert.Contains("Microsoft.Network/*", Strings(atVnet["properties"]!["permissions"]![0]!["actions"]));
        Assert.Equal(["/"], Strings(atVnet["properties"]!["assignableScopes"]));

        var tenantForm = await GetOk(Auth + "roleDefinitions/" + Owner + "?api-version=2018-01-01-preview");
        Assert.Equal(Auth + "roleDefinitions/" + Owner, (string)tenantForm["id"]!);
        await AssertError(Send(HttpMethod.Get, SubScope + Auth + "roleDefinitions/99999999-9999-4999-8999-999999999999" + V),
            HttpStatusCode.NotFound, "RoleDefinitionDoesNotExist");
    }

    [Fact]
    public async Task List_filters_by_role_name_and_type_and_pages()
    {
        var list = RgNetwork + Auth + "roleDefinitions" + V;
        var byName = await ListAll(list + Filter("roleName eq 'Network Contributor'"));
        Assert.Equal([RoleId(NetworkContributor)], byName.Select(r => (string)r["id"]!));
        var builtIns = await ListAll(list + Filter("type eq 'BuiltInRole'"));
        Assert.Contains("User Access Administrator", builtIns.Select(r => (string)r["properties"]!["roleName"]!));
        Assert.True(builtIns.Count >= 5);
        Assert.Empty(await ListAll(list + Filter("type eq 'CustomRole'")));
        await AssertError(Send(HttpMethod.Get, list + Filter("principalId eq 'x'")), HttpStatusCode.BadRequest, "UnsupportedQuery");
    }

    [Fact]
    public async Task Custom_role_lifecycle()
    {
        var url = SubScope + Auth + "roleDefinitions/" + CustomGuid + V;
        var (created, body) = await Send(HttpMethod.Put, url, Custom(CustomName, SubScope));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(RoleId(CustomGuid), (string)body!["id"]!);
        Assert.Equal("CustomRole", (string)body["properties"]!["type"]!);
        var createdOn = (string)body["properties"]!["createdOn"]!;

        // Visible where assignable (and below), found by name, assignable to a principal.
        Assert.Single(await ListAll(VnetHub + Auth + "roleDefinitions" + V + Filter($"roleName eq '{CustomName}'")));
        Assert.Single(await ListAll(SubScope + Auth + "roleDefinitions" + V + Filter("type eq 'CustomRole'")));
        Assert.Empty(await ListAll(DevScope + Auth + "roleDefinitions" + V + Filter("type eq 'CustomRole'")));
        var assignment = AssignmentUrl(VnetHub, "0c0ffee0-0000-4000-8000-000000000002");
        Assert.Equal(HttpStatusCode.Created, (await Send(HttpMethod.Put, assignment, Assignment(CustomGuid, ReadonlyObjectId))).Response.StatusCode);

        // Update keeps createdOn.
        await Task.Delay(20);
        var (updated, updatedBody) = await Send(HttpMethod.Put, url, Custom(CustomName, SubScope, "Microsoft.Network/virtualNetworks/read"));
        Assert.Equal(HttpStatusCode.Created, updated.StatusCode);
        Assert.Equal(createdOn, (string)updatedBody!["properties"]!["createdOn"]!);
        Assert.NotEqual(createdOn, (string)updatedBody["properties"]!["updatedOn"]!);
        Assert.Equal(["Microsoft.Network/virtualNetworks/read"], Strings(updatedBody["properties"]!["permissions"]![0]!["actions"]));

        await AssertError(Send(HttpMethod.Delete, url), HttpStatusCode.Conflict, "RoleDefinitionHasAssignments");
        await Send(HttpMethod.Delete, assignment);
        var (deleted, deletedBody) = await Send(HttpMethod.Delete, url);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(CustomName, (string)deletedBody!["properties"]!["roleName"]!);
        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, url)).Response.StatusCode);
        await AssertError(Send(HttpMethod.Get, url), HttpStatusCode.NotFound, "RoleDefinitionDoesNotExist");
    }

    [Fact]
    public async Task A_custom_role_grants_its_actions_to_the_evaluator()
    {
        await Send(HttpMethod.Put, SubScope + Auth + "roleDefinitions/" + CustomGuid + V, Custom(CustomName, SubScope));
        var state = Fx.Host.State;
        const string peer = "Microsoft.Network/virtualNetworks/peer/action";
        Assert.False(global::Astro.Network.Emulator.Arm.Rbac.RbacEvaluator.IsAllowed(state, "5f607182-93a4-45bc-8def-012345678901", peer, VnetHub));
        await Send(HttpMethod.Put, AssignmentUrl(SubScope, "0c0ffee0-0000-4000-8000-000000000003"),
            Assignment(CustomGuid, "5f607182-93a4-45bc-8def-012345678901"));
        Assert.True(global::Astro.Network.Emulator.Arm.Rbac.RbacEvaluator.IsAllowed(state, "5f607182-93a4-45bc-8def-012345678901", peer, VnetHub));
        Assert.False(global::Astro.Network.Emulator.Arm.Rbac.RbacEvaluator.IsAllowed(state, "5f607182-93a4-45bc-8def-012345678901", "Microsoft.Network/virtualNetworks/delete", VnetHub));
    }

    [Theory]
    [InlineData(CustomName, SubScope, null, HttpStatusCode.Conflict, "RoleDefinitionWithSameNameExists")] // name taken by another GUID
    [InlineData("Network Contributor", SubScope, null, HttpStatusCode.Conflict, "RoleDefinitionWithSameNameExists")]
    [InlineData("", SubScope, null, HttpStatusCode.BadRequest, "InvalidRoleDefinition")]
    [InlineData("Other", "/", null, HttpStatusCode.BadRequest, "InvalidRoleDefinition")]
    [InlineData("Other", SubScope + "/resourceGroups/rg-missing", null, HttpStatusCode.BadRequest, "InvalidRoleDefinition")]
    [InlineData("Other", SubScope, "BuiltInRole", HttpStatusCode.BadRequest, "InvalidRoleDefinition")]
    public async Task Invalid_custom_roles_are_refused(string name, string scope, string? type, HttpStatusCode status, string code)
    {
        await Send(HttpMethod.Put, SubScope + Auth + "roleDefinitions/" + CustomGuid + V, Custom(CustomName, SubScope));
        var body = Custom(name, scope);
        if (type is not null)
        {
            body["properties"]!["type"] = type;
        }
        var other = SubScope + Auth + "roleDefinitions/7c0de000-0000-4000-8000-000000000002" + V;
        await AssertError(Send(HttpMethod.Put, other, body), status, code);
        await AssertError(Send(HttpMethod.Get, other), HttpStatusCode.NotFound, "RoleDefinitionDoesNotExist");
    }

    [Fact]
    public async Task Missing_permissions_or_scopes_and_built_in_ids_are_refused()
    {
        var url = SubScope + Auth + "roleDefinitions/" + CustomGuid + V;
        var noPermissions = Custom(CustomName, SubScope);
        noPermissions["properties"]!.AsObject().Remove("permissions");
        await AssertError(Send(HttpMethod.Put, url, noPermissions), HttpStatusCode.BadRequest, "InvalidRoleDefinition");
        var noScopes = Custom(CustomName, SubScope);
        noScopes["properties"]!["assignableScopes"] = new JsonArray();
        await AssertError(Send(HttpMethod.Put, url, noScopes), HttpStatusCode.BadRequest, "InvalidRoleDefinition");
        await AssertError(Send(HttpMethod.Put, SubScope + Auth + "roleDefinitions/" + Reader + V, Custom(CustomName, SubScope)),
            HttpStatusCode.BadRequest, "InvalidRoleDefinition");
        await AssertError(Send(HttpMethod.Delete, SubScope + Auth + "roleDefinitions/" + Reader + V), HttpStatusCode.BadRequest, "InvalidRoleDefinition");
    }

    [Fact]
    public async Task Writing_a_custom_role_needs_roleDefinitions_write_at_every_assignable_scope()
    {
        var url = SubScope + Auth + "roleDefinitions/" + CustomGuid + V;
        var (response, body) = await SendAs(ReadonlyApp, HttpMethod.Put, url, Custom(CustomName, SubScope));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("'Microsoft.Authorization/roleDefinitions/write'", (string)body!["error"]!["message"]!);
        // The CI app owns the production subscription but is only Contributor on the dev one.
        await AssertError(Send(HttpMethod.Put, url, Custom(CustomName, SubScope, scopes: [SubScope, DevScope])), HttpStatusCode.Forbidden, "AuthorizationFailed");
        await AssertError(Send(HttpMethod.Get, url), HttpStatusCode.NotFound, "RoleDefinitionDoesNotExist");
    }

    private static JsonObject Custom(string name, string scope, string? onlyAction = null, string[]? scopes = null)
    {
        string[] actions = onlyAction is null
            ? ["Microsoft.Resources/subscriptions/resourceGroups/read", "Microsoft.Resources/subscriptions/read", "Microsoft.Network/virtualNetworks/read",
               "Microsoft.Network/virtualNetworks/write", "Microsoft.Network/virtualNetworks/peer/action",
               "Microsoft.Network/virtualNetworks/virtualNetworkPeerings/write", "Microsoft.Network/virtualNetworks/virtualNetworkPeerings/read"]
            : [onlyAction];
        return new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["roleName"] = name,
                ["description"] = "Lets Astronomer peer its cluster VNet with this one.",
                ["type"] = "CustomRole",
                ["permissions"] = new JsonArray(new JsonObject { ["actions"] = new JsonArray(actions.Select(a => (JsonNode)a).ToArray()), ["notActions"] = new JsonArray() }),
                ["assignableScopes"] = new JsonArray((scopes ?? [scope]).Select(s => (JsonNode)s).ToArray()),
            },
        };
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.PrivateLink;

public sealed class PrivateEndpointConnectionTests(EmulatorFixture fx) : PrivateLinkTestBase(fx)
{
    [Theory]
    [MemberData(nameof(Types))]
    public async Task Lists_and_gets_the_seeded_connection_in_the_types_shape(string type)
    {
        var c = Cases[type];
        var listed = Assert.Single(await ListAll(Url(c)));
        Assert.Equal($"{c.ResourceId}/privateEndpointConnections/{c.SeededName}", (string)listed["id"]!);
        Assert.Equal(c.SeededName, (string)listed["name"]!);
        Assert.EndsWith("/privateEndpointConnections", (string)listed["type"]!);
        Assert.Equal("Approved", StatusOf(listed));
        var state = listed["properties"]!["privateLinkServiceConnectionState"]!.AsObject();
        string[] actionFields = ["actionRequired", "actionsRequired"];
        Assert.Equal(actionFields.Where(f => f == c.ActionsField), actionFields.Where(state.ContainsKey));
        Assert.Equal(listed.ToJsonString(), (await GetOk(Url(c, c.SeededName))).ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task A_pending_connection_is_approved_per_the_types_contract_and_others_stay(string type)
    {
        var c = Cases[type];
        var seededBefore = await GetOk(Url(c, c.SeededName));
        var name = await CreatePending(c);
        Assert.Equal("Pending", StatusOf(await GetOk(Url(c, name))));

        var approved = await SetStatus(c, name, "Approved");

        Assert.Equal("Approved", StatusOf(approved));
        Assert.Equal("set by test", (string)approved["properties"]!["privateLinkServiceConnectionState"]!["description"]!);
        Assert.Equal(seededBefore.ToJsonString(), (await GetOk(Url(c, c.SeededName))).ToJsonString());
        Assert.Equal(new[] { c.SeededName, name }.Order(StringComparer.Ordinal), (await ListAll(Url(c))).Select(i => (string)i["name"]!).Order(StringComparer.Ordinal));
    }

    // Storage: recording storage #22; SQL: its REST reference; Key Vault approves it (recording keyvault #31-32); others [inf].
    [Theory]
    [MemberData(nameof(Types))]
    public async Task A_rejected_connection_is_approved_again_only_where_the_service_allows(string type)
    {
        var c = Cases[type];
        var name = await CreatePending(c);
        Assert.Equal("Rejected", StatusOf(await SetStatus(c, name, "Rejected")));

        var (response, body) = await Send(HttpMethod.Put, Url(c, name), StateBody("Approved"));

        var code = type switch
        {
            "keyvault" => null,
            "storage" => "InvalidValuesForRequestParameters",
            "sql" => "PrivateEndpointConnectionStatusNotPending",
            _ => "InvalidPrivateEndpointConnectionStatusTransition",
        };
        if (code is null)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Approved", StatusOf(await GetOk(Url(c, name))));
            return;
        }
        if (type == "registry")
        {
            // ACR's PUT declares no error response: the refusal comes as a failed operation.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var operation = await PollAsyncOperationBody(response);
            Assert.Equal("Failed", (string)operation["status"]!);
            Assert.Equal(code, (string)operation["error"]!["code"]!);
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = type == "cosmos" ? body! : body!["error"]!;
            Assert.Equal(code, (string)error["code"]!);
        }
        Assert.Equal("Rejected", StatusOf(await GetOk(Url(c, name))));
    }

    // Recording storage/test_storage_account_private_endpoint.yaml #18: approving an Approved connection is a 400.
    [Fact]
    public async Task Storage_refuses_to_approve_an_approved_connection_again()
    {
        var c = Cases["storage"];

        var (response, body) = await Send(HttpMethod.Put, Url(c, c.SeededName), StateBody("Approved"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidValuesForRequestParameters", (string)body!["error"]!["code"]!);
        Assert.Contains("privateLinkServiceConnectionState.status", (string)body["error"]!["message"]!);
    }

    [Fact]
    public async Task The_shared_account_holds_astronomers_and_a_strangers_pending_connections()
    {
        var shared = "/" + Data + "Microsoft.Storage/storageAccounts/stcontososhared";
        var pending = (await ListAll($"{shared}/privateEndpointConnections?api-version=2025-08-01")).ToList();

        Assert.All(pending, p => Assert.Equal("Pending", StatusOf(p)));
        var endpoints = pending.Select(p => ((string)p["properties"]!["privateEndpoint"]!["id"]!).Split('/')[2]).Order().ToList();
        Assert.Equal(new[] { "00000000-0000-4000-8000-00000000a570", "3c9d5e1f-7a2b-4c8d-9e0f-1a2b3c4d5e6f" }, endpoints);
        var messages = pending.Select(p => (string)p["properties"]!["privateLinkServiceConnectionState"]!["description"]!).ToList();
        Assert.Single(messages, m => m.Contains(Cluster));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task The_parent_body_lists_the_same_connections_where_its_schema_has_them(string type)
    {
        var c = Cases[type];
        var name = await CreatePending(c);
        await SetStatus(c, name, "Approved");

        var embedded = (await GetOk(ParentUrl(c)))["properties"]!["privateEndpointConnections"] as JsonArray;

        if (!c.ParentLists)
        {
            Assert.Null(embedded);
            return;
        }
        var byId = (await ListAll(Url(c))).ToDictionary(i => (string)i["id"]!);
        Assert.Equal(byId.Keys.Order(StringComparer.Ordinal), embedded!.Select(i => (string)i!["id"]!).Order(StringComparer.Ordinal));
        foreach (var item in embedded!)
        {
            // SQL and Key Vault list {id, [etag,] properties}; the others list the whole connection.
            var whole = byId[(string)item!["id"]!];
            var expected = type is "sql" or "keyvault" ? (JsonNode)whole["properties"]! : whole;
            Assert.Equal(expected.ToJsonString(), (type is "sql" or "keyvault" ? item["properties"]! : item).ToJsonString());
            Assert.Equal(type is not "sql" and not "keyvault", item.AsObject().ContainsKey("name"));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task A_missing_connection_is_404_except_key_vault_which_answers_204(string type)
    {
        var c = Cases[type];
        var (response, body) = await Send(HttpMethod.Get, Url(c, "no-such-connection"));
        Assert.Equal(type == "keyvault" ? HttpStatusCode.NoContent : HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(type == "keyvault", body is null);
        var (put, _) = await Send(HttpMethod.Put, Url(c, "no-such-connection"), StateBody("Approved"));
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        // App Service's DELETE responses all have an object schema: 200 {} rather than a bodiless 204.
        var (delete, deleted) = await Send(HttpMethod.Delete, Url(c, "no-such-connection"));
        Assert.Equal(type == "webapp" ? HttpStatusCode.OK : HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(type == "webapp" ? "{}" : null, deleted?.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Delete_removes_only_that_connection(string type)
    {
        var c = Cases[type];
        var name = await CreatePending(c);

        var (response, _) = await Send(HttpMethod.Delete, Url(c, name));

        if (type == "storage")
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            // Still listed until the operation completes; the Location URL then answers 204.
            Assert.Equal(2, (await ListAll(Url(c))).Count);
            var location = new Uri(response.Headers.GetValues("Location").Single()).PathAndQuery;
            Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Get, location)).Response.StatusCode);
        }
        Assert.Equal([c.SeededName], (await ListAll(Url(c))).Select(i => (string)i["name"]!));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Lists_page_only_where_the_spec_has_next_links(string type)
    {
        var c = Cases[type];
        await CreatePending(c);
        await CreatePending(c);

        var first = await GetOk(Url(c));

        Assert.Equal(c.Paged, first.ContainsKey("nextLink"));
        Assert.Equal(c.Paged ? 2 : 3, first["value"]!.AsArray().Count);
        Assert.Equal(3, (await ListAll(Url(c))).Count);
    }

    [Fact]
    public async Task A_long_running_approval_shows_once_the_operation_completes()
    {
        var c = Cases["sql"];
        var name = await CreatePending(c);
        var (response, _) = await Send(HttpMethod.Put, Url(c, name), StateBody("Approved"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var during = await GetOk(Url(c, name));
        Assert.Equal("Pending", StatusOf(during));
        Assert.Equal("Approving", (string)during["properties"]!["provisioningState"]!);

        Assert.Equal("Succeeded", await PollAsyncOperation(response));
        var after = await GetOk(Url(c, name));
        Assert.Equal("Approved", StatusOf(after));
        Assert.Equal("Ready", (string)after["properties"]!["provisioningState"]!);
        Assert.Equal(["sqlServer"], Strings(after["properties"]!["groupIds"]));
    }

    [Theory]
    [InlineData("storage", "Approve", "InvalidPrivateEndpointConnectionStatus")]
    [InlineData("storage", "Disconnected", "InvalidPrivateEndpointConnectionStatus")]
    [InlineData("keyvault", "Removed", "InvalidPrivateEndpointConnectionStatus")]
    [InlineData("eventhubs", "Accepted", "InvalidPrivateEndpointConnectionStatus")]
    public async Task Enum_types_refuse_an_unknown_status(string type, string status, string code)
    {
        var c = Cases[type];
        var name = await CreatePending(c);
        await AssertError(Send(HttpMethod.Put, Url(c, name), StateBody(status)), HttpStatusCode.BadRequest, code);
        Assert.Equal("Pending", StatusOf(await GetOk(Url(c, name))));
    }

    [Fact]
    public async Task Sql_requires_status_and_description()
    {
        var c = Cases["sql"];
        var name = await CreatePending(c);
        await AssertError(Send(HttpMethod.Put, Url(c, name), StateBody("Approved", description: null)), HttpStatusCode.BadRequest, "InvalidRequestContent");
        await AssertError(Send(HttpMethod.Put, Url(c, name), JsonNode.Parse("""{"properties":{}}""")), HttpStatusCode.BadRequest, "InvalidRequestContent");
        Assert.Equal("Pending", StatusOf(await GetOk(Url(c, name))));
    }

    [Fact]
    public async Task Cosmos_errors_are_flat_and_its_connections_name_their_group()
    {
        var c = Cases["cosmos"];
        var name = await CreatePending(c);
        Assert.Equal("Sql", (string)(await GetOk(Url(c, name)))["properties"]!["groupId"]!);

        var (response, body) = await Send(HttpMethod.Put, Url(c, name), JsonNode.Parse("""{"properties":{}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidRequestContent", (string)body!["code"]!);
        Assert.Null(body["error"]);
    }

    [Theory]
    [InlineData("keyvault")]
    [InlineData("privatelinkservice")]
    public async Task Connections_with_an_etag_change_it_on_write_and_honour_if_match(string type)
    {
        var c = Cases[type];
        var name = await CreatePending(c);
        var before = (string)(await GetOk(Url(c, name)))["etag"]!;

        await AssertError(Send(HttpMethod.Put, Url(c, name), StateBody("Approved"), new Dictionary<string, string> { ["If-Match"] = "W/\"stale\"" }),
            HttpStatusCode.PreconditionFailed, "PreconditionFailed");
        var (response, _) = await Send(HttpMethod.Put, Url(c, name), StateBody("Approved"), new Dictionary<string, string> { ["If-Match"] = before });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await GetOk(Url(c, name));
        Assert.Equal("Approved", StatusOf(after));
        Assert.NotEqual(before, (string)after["etag"]!);
    }

    // Recording network/test_private_endpoint_pls.yaml #37: a private link service answers 200 (Storage's 400 is tested above).
    [Fact]
    public async Task Approving_an_approved_connection_keeps_it_approved()
    {
        var c = Cases["privatelinkservice"];
        var again = await SetStatus(c, c.SeededName, "Approved");
        Assert.Equal("Approved", StatusOf(again));
        Assert.Equal("None", (string)again["properties"]!["privateLinkServiceConnectionState"]!["actionsRequired"]!);
    }
}

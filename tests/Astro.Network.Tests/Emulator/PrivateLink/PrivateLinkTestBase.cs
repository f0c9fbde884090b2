using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Tests.Emulator.Handlers;
using Xunit;

namespace Astro.Network.Tests.Emulator.PrivateLink;

/// <summary>One resource type's private endpoint connection contract, as its swagger declares it.</summary>
public sealed record ConnectionCase(
    string ResourceId, string ApiVersion, string GroupId, string SeededName,
    HttpStatusCode PutStatus, bool PutHasBody, bool AsyncOperationHeader, bool LocationHeader, bool LongRunning,
    string? ActionsField, bool ParentLists, bool Paged);

/// <summary>The scenario's resources with a seeded Approved connection from someone else, and helpers to drive them.</summary>
public abstract class PrivateLinkTestBase(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    protected const string Cluster = "cm4azded000000000000000a1";
    private const string Network = Sub + "/resourceGroups/rg-network/providers/";

    public static readonly IReadOnlyDictionary<string, ConnectionCase> Cases = new Dictionary<string, ConnectionCase>
    {
        ["storage"] = new("/" + Data + "Microsoft.Storage/storageAccounts/stcontosodata01", "2025-08-01", "blob", "pe-analytics-blob.2f1c",
            HttpStatusCode.OK, true, false, false, false, "actionRequired", true, false),
        ["keyvault"] = new("/" + Data + "Microsoft.KeyVault/vaults/kv-contoso-data", "2023-07-01", "vault", "pe-analytics-vault.6b0e",
            HttpStatusCode.OK, true, true, false, false, "actionsRequired", true, true),
        ["sql"] = new("/" + Data + "Microsoft.Sql/servers/sql-contoso-data", "2021-11-01", "sqlServer", "pe-analytics-sql.93d7",
            HttpStatusCode.Accepted, false, true, true, true, "actionsRequired", true, true),
        ["cosmos"] = new("/" + Data + "Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-data", "2024-05-15", "Sql", "pe-analytics-cosmos.41aa",
            HttpStatusCode.Accepted, false, true, true, true, "actionsRequired", true, false),
        ["registry"] = new("/" + Data + "Microsoft.ContainerRegistry/registries/acrcontosodata", "2023-07-01", "registry", "pe-build-registry.c35e",
            HttpStatusCode.OK, true, true, false, true, "actionsRequired", true, true),
        ["webapp"] = new("/" + Data + "Microsoft.Web/sites/app-contoso-portal", "2023-12-01", "sites", "pe-analytics-sites.b8e0",
            HttpStatusCode.Accepted, true, true, true, true, "actionsRequired", false, true),
        ["eventhubs"] = new("/" + Data + "Microsoft.EventHub/namespaces/evhns-contoso-ingest", "2024-01-01", "namespace", "pe-analytics-evh.7d21",
            HttpStatusCode.OK, true, false, false, false, null, true, true),
        ["servicebus"] = new("/" + Data + "Microsoft.ServiceBus/namespaces/sbns-contoso-events", "2021-11-01", "namespace", "pe-analytics-sb.0c4f",
            HttpStatusCode.OK, true, false, false, false, null, true, true),
        ["privatelinkservice"] = new("/" + Network + "Microsoft.Network/privateLinkServices/pls-contoso-api", "2024-01-01", "", "pe-partner-api.5e92",
            HttpStatusCode.OK, true, false, false, false, "actionsRequired", true, true),
    };

    public static IEnumerable<object[]> Types => Cases.Keys.Select(k => new object[] { k });

    protected static string Url(ConnectionCase c, string? name = null) =>
        $"{c.ResourceId}/privateEndpointConnections{(name is null ? "" : "/" + name)}?api-version={c.ApiVersion}";

    protected static string ParentUrl(ConnectionCase c) => $"{c.ResourceId}?api-version={c.ApiVersion}";

    protected static JsonObject StateBody(string status, string? description = "set by test") => new()
    {
        ["properties"] = new JsonObject
        {
            ["privateLinkServiceConnectionState"] = description is null
                ? new JsonObject { ["status"] = status }
                : new JsonObject { ["status"] = status, ["description"] = description },
        },
    };

    protected static string? StatusOf(JsonNode? connection) => (string?)connection?["properties"]?["privateLinkServiceConnectionState"]?["status"];

    /// <summary>Astronomer creates a private endpoint to the resource: a Pending connection appears (control action).</summary>
    protected Task<(HttpResponseMessage Response, JsonNode? Body)> RequestEndpoint(string resourceId, string? groupId, string? name = null) =>
        Fx.SendAsync(Client, HttpMethod.Post, "_emulator/private-endpoints", body: new JsonObject
        {
            ["resourceId"] = resourceId, ["groupId"] = groupId, ["clusterId"] = Cluster, ["name"] = name,
        });

    protected async Task<string> CreatePending(ConnectionCase c)
    {
        var (response, body) = await RequestEndpoint(c.ResourceId, c.GroupId.Length == 0 ? null : c.GroupId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)body!["name"]!;
    }

    /// <summary>PUTs a status, checks the type's status code and headers, waits for an LRO and returns the connection after.</summary>
    protected async Task<JsonObject> SetStatus(ConnectionCase c, string name, string status)
    {
        var (response, body) = await Send(HttpMethod.Put, Url(c, name), StateBody(status));
        Assert.Equal(c.PutStatus, response.StatusCode);
        Assert.Equal(c.PutHasBody, body is not null);
        Assert.Equal(c.AsyncOperationHeader, response.Headers.Contains("Azure-AsyncOperation"));
        Assert.Equal(c.LocationHeader, response.Headers.Contains("Location"));
        if (c.LongRunning)
        {
            Assert.Equal("Succeeded", await PollAsyncOperation(response));
        }
        return await GetOk(Url(c, name));
    }
}

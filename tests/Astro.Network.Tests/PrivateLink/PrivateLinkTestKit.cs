using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;
using Astro.Network.Engine.Peering;
using Astro.Network.Engine.PrivateLink;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;
using static Astro.Network.Tests.Peering.PeeringTestKit;

namespace Astro.Network.Tests.PrivateLink;

/// <summary>A supported type's resource in the test scenario and the Approved connection someone else made to it.</summary>
public sealed record LinkedResource(string ResourceId, string GroupId, string SeededName);

/// <summary>Signs in to the emulator with fast settings, plays Astronomer creating endpoints, and counts ARM writes.</summary>
public abstract class PrivateLinkTestBase : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string Rg = "/subscriptions/" + EmulatorFixture.SubscriptionId + "/resourceGroups/";
    private const string Data = Rg + "rg-data/providers/";
    private readonly HttpClient client;

    protected PrivateLinkTestBase(EmulatorFixture fixture)
    {
        Fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
        client = fixture.CreateClient();
    }

    public static IReadOnlyDictionary<string, LinkedResource> Resources { get; } = new Dictionary<string, LinkedResource>
    {
        ["storage"] = new(Data + "Microsoft.Storage/storageAccounts/stcontosodata01", "blob", "pe-analytics-blob.2f1c"),
        ["keyvault"] = new(Data + "Microsoft.KeyVault/vaults/kv-contoso-data", "vault", "pe-analytics-vault.6b0e"),
        ["sql"] = new(Data + "Microsoft.Sql/servers/sql-contoso-data", "sqlServer", "pe-analytics-sql.93d7"),
        ["cosmos"] = new(Data + "Microsoft.DocumentDB/databaseAccounts/cosmos-contoso-data", "Sql", "pe-analytics-cosmos.41aa"),
        ["registry"] = new(Data + "Microsoft.ContainerRegistry/registries/acrcontosodata", "registry", "pe-build-registry.c35e"),
        ["webapp"] = new(Data + "Microsoft.Web/sites/app-contoso-portal", "sites", "pe-analytics-sites.b8e0"),
        ["eventhubs"] = new(Data + "Microsoft.EventHub/namespaces/evhns-contoso-ingest", "namespace", "pe-analytics-evh.7d21"),
        ["servicebus"] = new(Data + "Microsoft.ServiceBus/namespaces/sbns-contoso-events", "namespace", "pe-analytics-sb.0c4f"),
        ["privatelinkservice"] = new(Rg + "rg-network/providers/Microsoft.Network/privateLinkServices/pls-contoso-api", "", "pe-partner-api.5e92"),
    };

    public static IEnumerable<object[]> Types => Resources.Keys.Select(k => new object[] { k });

    protected EmulatorFixture Fixture { get; }

    private protected RecordingLog Log { get; } = new();

    /// <summary>
    /// ARM writes (of <paramref name="method"/>) the emulator answered since sign-in; control actions are not recorded. Waits
    /// first: the emulator records an exchange after the client already has its answer.
    /// </summary>
    protected async Task<int> WritesAsync(string? method = null)
    {
        await Task.Delay(150);
        return Fixture.Host.Requests.Count(r => r.IsWrite && r.Service == "arm" && (method == null || r.Method == method));
    }

    private protected async Task<PrivateLinkService> ServiceAsync() =>
        new(new RestArmJsonClient((await SignInAsync()).Azure.Arm), Log);

    private protected async Task<PrivateLinkTickets> TicketsAsync()
    {
        var context = await SignInAsync();
        return new PrivateLinkTickets(new PrivateLinkService(new RestArmJsonClient(context.Azure.Arm), Log), context.Astro, Log);
    }

    // The request log starts empty after sign-in.
    private async Task<PeeringContext> SignInAsync()
    {
        var context = await ConnectAsync(Fixture, Log);
        await ClearRequestsAsync(Fixture);
        return context;
    }

    /// <summary>Astronomer creates a private endpoint to the resource from the dedicated cluster: a Pending connection appears.</summary>
    protected async Task<string> CreatePendingAsync(LinkedResource resource)
    {
        var (response, body) = await Fixture.SendAsync(client, HttpMethod.Post, "_emulator/private-endpoints", body: new JsonObject
        {
            ["resourceId"] = resource.ResourceId,
            ["groupId"] = resource.GroupId.Length == 0 ? null : resource.GroupId,
            ["clusterId"] = ClusterId("azure-dedicated"),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)body!["name"]!;
    }

    public void Dispose()
    {
        Fixture.Host.Faults.Clear();
        client.Dispose();
        GC.SuppressFinalize(this);
    }
}

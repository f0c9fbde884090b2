using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Astro;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Engine.Peering;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Xunit;

namespace Astro.Network.Tests.Peering;

/// <summary>Signs in to the emulator's Azure and Astro with fast pipeline settings and finds the scenario's VNets and clusters.</summary>
internal static class PeeringTestKit
{
    public const string Org = "org-test";

    public static JsonObject ReadonlyApp => App("astro-network-readonly");

    public static async Task<PeeringContext> ConnectAsync(EmulatorFixture fixture, IOperationLog log, JsonObject? app = null)
    {
        app ??= EmulatorScenario.App;
        var b = fixture.Host.BaseUri;
        var settings = FastSettings.Create();
        settings.PrincipalReplicationRetryDelays = Enumerable.Repeat(TimeSpan.FromMilliseconds(250), 20).ToList();
        settings.PrincipalReplicationMaxWait = TimeSpan.FromSeconds(10);
        var signIn = await AzureSession.SignInAsync(new AzureSignInOptions
        {
            Method = AzureAuthMethod.ClientSecret,
            TenantId = (string)EmulatorScenario.Tenant["id"]!,
            ClientId = (string)app["clientId"]!,
            ClientSecret = SecureStrings.FromPlain((string)app["secret"]!),
            ResourceManagerUrl = b,
            GraphUrl = new Uri(b, "graph/"),
            AuthorityHost = b,
        }, log, settings, CancellationToken.None);
        var astro = await AstroSession.CreateContextAsync(SecureStrings.FromPlain(EmulatorFixture.AstroToken), Org, new Uri(b, "v1"), log, settings, CancellationToken.None);
        fixture.Host.ClearRequests();
        return new PeeringContext(signIn.CreateContext(log), new AstroService(astro, log), ct => GraphClaimsAsync(signIn, ct));
    }

    // The payload of the caller's Graph token, as production would read it for the ServicePrincipal readiness check.
    private static async Task<string?> GraphClaimsAsync(AzureSignIn signIn, CancellationToken ct)
    {
        var token = await signIn.Credential.GetTokenAsync(new Azure.Core.TokenRequestContext(new[] { signIn.Environment.GraphScope }), ct);
        var payload = token.Token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
    }

    /// <summary>The ID of the seeded VNet named <paramref name="name"/>.</summary>
    public static string VnetId(EmulatorFixture fixture, string name) => fixture.Host.State.Resources.All().Select(r => r.Id)
        .Single(id => id.EndsWith("/Microsoft.Network/virtualNetworks/" + name, StringComparison.OrdinalIgnoreCase));

    public static JsonObject Cluster(string name) => EmulatorScenario.Clusters(Org).Single(c => (string?)c["name"] == name);

    public static string ClusterId(string name) => (string)Cluster(name)["id"]!;

    /// <summary>The cluster a STANDARD Deployment runs on (not listed by the clusters API).</summary>
    public static string StandardClusterId => (string)EmulatorScenario.Deployments(Org).First(d => (string?)d["type"] == "STANDARD")["clusterId"]!;

    public static int Writes(EmulatorFixture fixture, string service = "arm") =>
        fixture.Host.Requests.Count(r => r.IsWrite && r.Service == service);

    /// <summary>
    /// Clears the request log once the last exchange is in it: the emulator records an exchange after the client already
    /// has its response, so an immediate clear can race with the record of the last write.
    /// </summary>
    public static async Task ClearRequestsAsync(EmulatorFixture fixture)
    {
        await Task.Delay(150);
        fixture.Host.ClearRequests();
    }

    private static JsonObject App(string displayName) =>
        EmulatorScenario.Tenant["apps"]!.AsArray().OfType<JsonObject>().Single(a => (string?)a["displayName"] == displayName);
}

/// <summary>Each peering test starts from the scenario with no faults, and records what the engine logs.</summary>
public abstract class PeeringTestBase : IClassFixture<EmulatorFixture>
{
    private protected readonly EmulatorFixture fixture;
    private protected readonly RecordingLog log = new();

    protected PeeringTestBase(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
    }
}

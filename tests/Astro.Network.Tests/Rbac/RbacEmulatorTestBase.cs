using Astro.Network.Emulator.Recording;
using Astro.Network.Engine;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Engine.Rest;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;

namespace Astro.Network.Tests.Rbac;

/// <summary>A fresh emulator state per test, and Azure sign-ins as the scenario's apps (by display name).</summary>
public abstract class RbacEmulatorTestBase
{
    public const string CiApp = "astro-network-ci";
    public const string ReadOnlyApp = "astro-network-readonly";

    protected RbacEmulatorTestBase(EmulatorFixture fixture)
    {
        Fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
    }

    protected EmulatorFixture Fixture { get; }

    internal RecordingLog Log { get; } = new();

    protected string SubscriptionId => ResourceId.Parse(VirtualNetworkId).SubscriptionId!;

    protected string VirtualNetworkId => EmulatorScenario.VirtualNetworkId;

    protected string ResourceGroupScope => VirtualNetworkId.Substring(0, VirtualNetworkId.IndexOf("/providers/", StringComparison.OrdinalIgnoreCase));

    protected string SubscriptionScope => "/subscriptions/" + SubscriptionId;

    /// <summary>Astronomer's multi-tenant application, as the scenario lists it.</summary>
    protected string AstronomerAppId => Fixture.Host.State.MultiTenantApps.Single().AppId;

    protected string AppObjectId(string displayName) => App(displayName).ObjectId;

    internal async Task<AzureContext> ConnectAsync(string displayName = CiApp, PipelineSettings? settings = null)
    {
        var app = App(displayName);
        var b = Fixture.Host.BaseUri;
        var signIn = await AzureSession.SignInAsync(new AzureSignInOptions
        {
            Method = AzureAuthMethod.ClientSecret,
            TenantId = Fixture.Host.State.Tenants.Single(t => t.Apps.Contains(app)).Id,
            ClientId = app.ClientId,
            ClientSecret = SecureStrings.FromPlain(app.Secret!),
            ResourceManagerUrl = b,
            GraphUrl = new Uri(b, "graph/"),
            AuthorityHost = b,
        }, Log, settings ?? FastSettings.Create(), CancellationToken.None);
        await ClearRequestsAsync();
        return signIn.CreateContext(Log);
    }

    /// <summary>
    /// The request log once it stops growing: the emulator records an exchange after the client already has the answer,
    /// so reading (or clearing) the log right after a call can miss (or keep) that call.
    /// </summary>
    protected async Task<IReadOnlyList<RecordedExchange>> SettledRequestsAsync()
    {
        var seen = -1;
        for (var i = 0; i < 20; i++)
        {
            var now = Fixture.Host.Requests.Count;
            if (now == seen)
            {
                break;
            }

            seen = now;
            await Task.Delay(50);
        }

        return Fixture.Host.Requests;
    }

    protected async Task ClearRequestsAsync()
    {
        await SettledRequestsAsync();
        Fixture.Host.ClearRequests();
    }

    /// <summary>Writes the emulator saw since the last sign-in (or ClearRequestsAsync).</summary>
    protected async Task<IReadOnlyList<string>> WritesAsync() =>
        (await SettledRequestsAsync()).Where(r => r.IsWrite).Select(r => $"{r.Method} {r.Url} -> {r.Status}").ToList();

    private Astro.Network.Emulator.State.AzureApp App(string displayName) =>
        Fixture.Host.State.Tenants.SelectMany(t => t.Apps).Single(a => a.DisplayName == displayName);
}

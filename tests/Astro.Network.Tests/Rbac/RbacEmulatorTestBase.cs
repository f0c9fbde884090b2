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
        Fixture.Host.ClearRequests();
        return signIn.CreateContext(Log);
    }

    /// <summary>Writes the emulator saw since the last sign-in (or ClearRequests).</summary>
    protected IReadOnlyList<string> Writes() =>
        Fixture.Host.Requests.Where(r => r.IsWrite).Select(r => $"{r.Method} {r.Url} -> {r.Status}").ToList();

    private Astro.Network.Emulator.State.AzureApp App(string displayName) =>
        Fixture.Host.State.Tenants.SelectMany(t => t.Apps).Single(a => a.DisplayName == displayName);
}

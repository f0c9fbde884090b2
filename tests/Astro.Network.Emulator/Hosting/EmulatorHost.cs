using System.Net;
using System.Security.Cryptography.X509Certificates;
using Astro.Network.Emulator.Arm;
using Astro.Network.Emulator.Astro;
using Astro.Network.Emulator.Control;
using Astro.Network.Emulator.Faults;
using Astro.Network.Emulator.Graph;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.Recording;
using Astro.Network.Emulator.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Astro.Network.Emulator.Hosting;

/// <summary>The running emulator: one HTTPS loopback origin serving Astro, ARM, Graph, Entra, MSI and the control API.</summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly RequestLog _log = new();
    private string _initialScenario = "{}";
    private EmulatorState? _state;
    private ExchangePipeline? _pipeline;

    private EmulatorHost(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public Uri BaseUri => State.BaseUri;
    public EmulatorState State => _state ?? throw new InvalidOperationException("The emulator has not started.");
    public FaultInjector Faults { get; } = new();

    /// <summary>ARM requests in flight per subscription (peaks, and how a client reacted to 429).</summary>
    public ConcurrencyMeter Concurrency { get; } = new();

    /// <summary>SHA-1 thumbprint of the serving certificate (for tests that pin it).</summary>
    public string CertificateThumbprint => _certificate.Thumbprint;

    public IReadOnlyList<RecordedExchange> Requests => _log.Snapshot();

    public void ClearRequests() => _log.Clear();

    /// <summary>Reloads the scenario the host was started with.</summary>
    public void Reset() => State.Load(Scenario.Parse(_initialScenario));

    /// <summary>Replaces the state with <paramref name="json"/> (Reset still returns to the starting scenario).</summary>
    public void LoadScenario(string json) => State.Load(Scenario.Parse(json));

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenario = options.ScenarioJson ?? (options.ScenarioPath is null ? "{}" : await File.ReadAllTextAsync(ResolveScenario(options.ScenarioPath), ct));
        var parsed = Scenario.Parse(scenario);
        var certificate = options.CertificatePath is null ? EmulatorCertificate.CreateInMemory() : EmulatorCertificate.Load(options.CertificatePath);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders(); // request logs could carry secrets; the emulator keeps its own redacted log
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var host = new EmulatorHost(app, certificate) { _initialScenario = scenario };
        app.Run(context => host._pipeline is { } pipeline ? pipeline.HandleAsync(context) : EmulatorResult.Empty(503).ExecuteAsync(context));
        await app.StartAsync(ct);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority) + "/");
        host._state = new EmulatorState(baseUri);
        host._state.Load(parsed);
        host._log.MirrorPath = options.RequestLogPath;
        var traffic = options.TrafficDirectory is null ? null : new TrafficWriter(options.TrafficDirectory, baseUri);
        host._pipeline = new ExchangePipeline(host._state, host.Faults, host._log, traffic, new ServiceEndpoints(
            new AstroEndpoints(host._state), new ArmFrontDoor(host._state), new GraphEndpoints(host._state),
            new EntraEndpoints(host._state), new ManagedIdentityEndpoint(host._state), new ControlEndpoints(host)), host.Concurrency);
        return host;
    }

    /// <summary>A file path, or the name of a built-in scenario in Scenarios/ next to the binary.</summary>
    public static string ResolveScenario(string pathOrName)
    {
        if (File.Exists(pathOrName))
        {
            return pathOrName;
        }
        var builtIn = Path.Combine(AppContext.BaseDirectory, "Scenarios", pathOrName + ".json");
        return File.Exists(builtIn) ? builtIn
            : throw new FileNotFoundException($"Scenario '{pathOrName}' is neither a file nor a built-in scenario (demo, test).", pathOrName);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }
}

using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.Identity;
using Xunit;

namespace Astro.Network.Tests.Emulator;

/// <summary>
/// One emulator on the built-in "test" scenario. Uses the certificate in ASTRO_EMULATOR_CERT (PFX) when set, so a child
/// process can trust it through SSL_CERT_FILE; otherwise a fresh self-signed one.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string TenantId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    public const string ClientId = "6f1c2a9e-3b7d-4e8f-a1c5-9d0b2e4f6a83";
    public const string ClientObjectId = "1b2c3d4e-5f60-4718-89ab-cdef01234567";
    public const string ClientSecret = "test-client-secret-value";
    public const string SubscriptionId = "7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57";
    public const string SecondSubscriptionId = "c2e9b6d1-8a47-4f3e-b5c0-9d1a2e7f4b86";
    public const string AstroToken = "astro-test-token";
    public const string ArmAudience = "https://management.azure.com/";
    public const string GraphAudience = "https://graph.microsoft.com";

    private EmulatorHost? _host;

    public EmulatorHost Host => _host ?? throw new InvalidOperationException("The emulator has not started.");

    public async Task InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            ScenarioPath = "test",
            CertificatePath = Environment.GetEnvironmentVariable("ASTRO_EMULATOR_CERT") is { Length: > 0 } pfx ? pfx : null,
        });
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>An HttpClient on the emulator's base URI that trusts exactly the emulator's certificate (test code only).</summary>
    public HttpClient CreateClient() => CreateClient(Host);

    public static HttpClient CreateClient(EmulatorHost host) => new(CreateHandler(host)) { BaseAddress = host.BaseUri };

    public static HttpClientHandler CreateHandler(EmulatorHost host) => new()
    {
        ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            cert is not null && string.Equals(cert.Thumbprint, host.CertificateThumbprint, StringComparison.OrdinalIgnoreCase),
    };

    /// <summary>A token the emulator accepts, issued directly (no token endpoint round trip) to the scenario's app.</summary>
    public string IssueToken(string audience = ArmAudience, TimeSpan? lifetime = null) =>
        Host.State.Tokens.Issue(new EmulatorPrincipal(ClientObjectId, TenantId, ClientId, EmulatorPrincipal.App, "astro-network-ci"),
            audience, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>Sends a request with an optional bearer token and JSON body; returns status, headers and parsed body.</summary>
    public async Task<(HttpResponseMessage Response, JsonNode? Body)> SendAsync(
        HttpClient client, HttpMethod method, string relativeUrl, string? bearer = null, JsonNode? body = null,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, relativeUrl);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}

/// <summary>Tests that share one emulator run one after another (faults and state are global to a host).</summary>
[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "Emulator";
}

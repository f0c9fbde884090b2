using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Identity;
using Astro.Network.Engine;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Engine;

/// <summary>
/// The sign-in sources admins run with, end to end against the emulator: IMDS (VMs, Arc, Hybrid Runbook Workers),
/// workload identity (a federated token file, as on AKS and GitHub Actions), certificate and device code.
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class EmulatorSignInSourcesTests : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string TokenExchangeAudience = "api://AzureADTokenExchange";
    private const string ImdsPath = "/metadata/identity/oauth2/token";
    private readonly EmulatorFixture fixture;
    private readonly RecordingLog log = new();
    private readonly IDisposable cleanEnvironment;
    private readonly List<string> files = new();

    public EmulatorSignInSourcesTests(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
        fixture.Host.ClearRequests();
        cleanEnvironment = ProcessEnvironment.Clear(
            "IDENTITY_ENDPOINT", "IDENTITY_HEADER", "MSI_ENDPOINT", "MSI_SECRET", "AZURE_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET",
            "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_USERNAME", "AZURE_PASSWORD", "AZURE_FEDERATED_TOKEN_FILE", "AZURE_POD_IDENTITY_AUTHORITY_HOST",
            AzureCloudEnvironment.EnvironmentVariable, AzureCloudEnvironment.ArmUrlVariable, AzureCloudEnvironment.GraphUrlVariable, AzureCloudEnvironment.AuthorityHostVariable);
    }

    public void Dispose()
    {
        cleanEnvironment.Dispose();
        files.ForEach(File.Delete);
    }

    private Uri Base => fixture.Host.BaseUri;

    /// <summary>
    /// IMDS at the emulator; tokens under five minutes, which MSAL's process-wide managed identity cache holds as due,
    /// so the test reaches the endpoint whatever an earlier test cached.
    /// </summary>
    private IDisposable ImdsAtEmulator()
    {
        fixture.Host.State.Settings.TokenLifetimeSeconds = 240;
        return ProcessEnvironment.Set(("AZURE_POD_IDENTITY_AUTHORITY_HOST", Base.AbsoluteUri.TrimEnd('/')));
    }

    private static string TenantId => (string)EmulatorScenario.Tenant["id"]!;

    private static JsonObject UserAssigned(int index) => EmulatorScenario.ManagedIdentity["userAssigned"]!.AsArray()[index]!.AsObject();

    [Fact]
    public async Task Imds_refuses_a_request_without_the_Metadata_header_as_IMDS_does()
    {
        using var client = fixture.CreateClient();
        const string url = "metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fmanagement.azure.com%2F";

        var (without, error) = await fixture.SendAsync(client, HttpMethod.Get, url);
        var (with, token) = await fixture.SendAsync(client, HttpMethod.Get, url, headers: new Dictionary<string, string> { ["Metadata"] = "true" });

        Assert.Equal((400, "Required metadata header not specified"), ((int)without.StatusCode, (string?)error!["error_description"]));
        Assert.Equal(200, (int)with.StatusCode);
        Assert.Equal(((string)EmulatorScenario.ManagedIdentity["systemAssigned"]!["clientId"]!, "Bearer"), ((string?)token!["client_id"], (string?)token["token_type"]));
    }

    [Fact]
    public async Task Identity_without_IDENTITY_ENDPOINT_signs_in_through_IMDS_and_says_where_tokens_come_from()
    {
        using var _ = ImdsAtEmulator();
        var options = EmulatorCloud.Options(Base, AzureAuthMethod.ManagedIdentity);
        options.ClientId = (string)UserAssigned(1)["clientId"]!;

        var signIn = await AzureSession.SignInAsync(options, log, FastSettings.Create(), CancellationToken.None);

        Assert.Equal(("ManagedIdentity", options.ClientId), (signIn.Connection.AuthMethod, signIn.Connection.Account));
        Assert.Contains(fixture.Host.Requests, r => r.Service == "msi" && r.Status == 200
            && r.Url.StartsWith(ImdsPath + "?", StringComparison.Ordinal) && r.Url.Contains("client_id=" + options.ClientId));
        Assert.Contains("WARNING: Managed identity tokens come from " + Base.AbsoluteUri.TrimEnd('/') + " (AZURE_POD_IDENTITY_AUTHORITY_HOST)", log.All);
        Assert.Contains("WARNING: Signing in to a custom Azure cloud", log.All);
    }

    [Fact]
    public async Task Default_chain_reaches_IMDS_after_a_probe_when_nothing_else_is_configured()
    {
        using var _ = ImdsAtEmulator();

        var signIn = await AzureSession.SignInAsync(EmulatorCloud.Options(Base, AzureAuthMethod.Default), log, FastSettings.Create(), CancellationToken.None);

        Assert.Equal("Default (ManagedIdentity)", signIn.Connection.AuthMethod);
        Assert.Equal((string)EmulatorScenario.ManagedIdentity["systemAssigned"]!["clientId"]!, signIn.Connection.Account);
        var imds = fixture.Host.Requests.Where(r => r.Url.StartsWith(ImdsPath, StringComparison.Ordinal)).ToList();
        Assert.Contains(imds, r => r.Status == 200);
        Assert.DoesNotContain(fixture.Host.Requests, r => r.Service == "entra");
    }

    [Fact]
    public async Task Workload_identity_exchanges_the_federated_token_for_the_user_assigned_identity()
    {
        var credential = EmulatorScenario.ResourceProperties("/federatedIdentityCredentials/github-contoso-app-main");
        var assertion = ExternalToken((string)credential["issuer"]!, (string)credential["subject"]!);
        using var _ = WorkloadIdentity(assertion);

        var signIn = await AzureSession.SignInAsync(EmulatorCloud.Options(Base, AzureAuthMethod.Default), log, FastSettings.Create(), CancellationToken.None);

        Assert.Equal(("Default (WorkloadIdentity)", (string)UserAssigned(0)["clientId"]!), (signIn.Connection.AuthMethod, signIn.Connection.Account));
        Assert.Contains(fixture.Host.Requests, r => r.Service == "entra" && r.Method == "POST" && r.Status == 200 && r.Url == $"/{TenantId}/oauth2/v2.0/token");
        Assert.DoesNotContain(fixture.Host.Requests, r => r.Service == "msi");
        Assert.DoesNotContain(assertion.Split('.')[1], log.All);
    }

    [Fact]
    public async Task Workload_identity_with_a_subject_no_credential_trusts_fails_with_Entras_reason()
    {
        var credential = EmulatorScenario.ResourceProperties("/federatedIdentityCredentials/github-contoso-app-main");
        var assertion = ExternalToken((string)credential["issuer"]!, "repo:contoso/app:ref:refs/heads/feature");
        using var _ = WorkloadIdentity(assertion);

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            AzureSession.SignInAsync(EmulatorCloud.Options(Base, AzureAuthMethod.Default), log, FastSettings.Create(), CancellationToken.None));

        Assert.Equal(("AzureAuthenticationFailed", FailureKind.AuthenticationError), (ex.ErrorId, ex.Kind));
        Assert.Contains("Default (WorkloadIdentity)", ex.Message);
        Assert.Contains("AADSTS70021", ex.Message);
        Assert.DoesNotContain(assertion.Split('.')[1], ex.Message + log.All);
    }

    [Fact]
    public async Task Certificate_sign_in_proves_the_key_and_never_shows_the_pfx_password()
    {
        const string password = "pfx-password-do-not-show";
        var path = RegisterCertificate(password);
        var options = EmulatorCloud.Options(Base, AzureAuthMethod.ClientCertificate);
        options.TenantId = TenantId;
        options.ClientId = (string)EmulatorScenario.App["clientId"]!;
        options.CertificatePath = path;
        options.CertificatePassword = SecureStrings.FromPlain(password);

        var signIn = await AzureSession.SignInAsync(options, log, FastSettings.Create(), CancellationToken.None);
        options.CertificatePassword = SecureStrings.FromPlain("wrong-password");
        var wrong = await Assert.ThrowsAsync<AstroNetworkException>(() => AzureSession.SignInAsync(options, log, FastSettings.Create(), CancellationToken.None));

        Assert.Equal(("ClientCertificate", options.ClientId), (signIn.Connection.AuthMethod, signIn.Connection.Account));
        Assert.Contains(fixture.Host.Requests, r => r.Service == "entra" && r.Status == 200);
        Assert.Equal("AzureCertificateInvalid", wrong.ErrorId);
        Assert.DoesNotContain(password, log.All + wrong.Message);
    }

    [Fact]
    public async Task Device_code_sign_in_shows_the_code_and_signs_in_the_user()
    {
        fixture.Host.State.Settings.DeviceCodePendingPolls = 1;
        var messages = new List<string>();
        var options = EmulatorCloud.Options(Base, AzureAuthMethod.DeviceCode);
        options.TenantId = TenantId;
        options.DeviceCodeMessage = messages.Add;

        var signIn = await AzureSession.SignInAsync(options, log, FastSettings.Create(), CancellationToken.None);

        var user = (string)EmulatorScenario.Tenant["users"]![0]!["userPrincipalName"]!;
        Assert.Equal(("DeviceCode", user), (signIn.Connection.AuthMethod, signIn.Connection.Account));
        // Every prompt names a code; the emulator's device-code tokens are not found again by MSAL's silent lookup, so the
        // subscription read prompts a second time (not seen against Entra).
        Assert.NotEmpty(messages);
        Assert.All(messages, m => Assert.Matches("enter the code [0-9A-F]{8} to authenticate", m));
        Assert.Contains(fixture.Host.Requests, r => r.Url == $"/{TenantId}/oauth2/v2.0/devicecode" && r.Status == 200);
        Assert.Contains(fixture.Host.Requests, r => r.Url == $"/{TenantId}/oauth2/v2.0/token" && r.Status == 400);
    }

    /// <summary>An external issuer's token as AKS or GitHub Actions writes it (signature not checked by the emulator).</summary>
    private static string ExternalToken(string issuer, string subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        static string Part(JsonObject o) => TokenIssuer.Base64Url(Encoding.UTF8.GetBytes(o.ToJsonString()));
        return Part(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" }) + "."
            + Part(new JsonObject { ["iss"] = issuer, ["sub"] = subject, ["aud"] = TokenExchangeAudience, ["iat"] = now, ["nbf"] = now, ["exp"] = now + 600 })
            + "." + TokenIssuer.Base64Url(RandomNumberGenerator.GetBytes(64));
    }

    private IDisposable WorkloadIdentity(string assertion)
    {
        var file = Path.GetTempFileName();
        files.Add(file);
        File.WriteAllText(file, assertion);
        return ProcessEnvironment.Set(
            ("AZURE_FEDERATED_TOKEN_FILE", file), ("AZURE_CLIENT_ID", (string)UserAssigned(0)["clientId"]!), ("AZURE_TENANT_ID", TenantId));
    }

    /// <summary>A new certificate registered on the scenario's app (until the next Reset), saved as a password-protected PFX.</summary>
    private string RegisterCertificate(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=astro-network-ci", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        lock (fixture.Host.State.Sync)
        {
            var app = fixture.Host.State.Tenants.SelectMany(t => t.Apps).Single(a => a.ClientId == (string)EmulatorScenario.App["clientId"]!);
            app.CertificateThumbprint = certificate.Thumbprint;
            app.Certificate = Convert.ToBase64String(certificate.RawData);
        }
        var path = Path.Combine(Path.GetTempPath(), $"astro-sp-{Guid.NewGuid():N}.pfx");
        files.Add(path);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return path;
    }
}

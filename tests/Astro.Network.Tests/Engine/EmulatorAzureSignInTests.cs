using Astro.Network.Engine;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Tests.Emulator;
using Azure.Core;
using Xunit;

namespace Astro.Network.Tests.Engine;

/// <summary>Azure sign-in against the emulator's Entra, managed identity and ARM. Some tests set process variables.</summary>
[Collection(ProcessEnvironment.Name)]
public sealed class EmulatorAzureSignInTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture fixture;
    private readonly RecordingLog log = new();

    public EmulatorAzureSignInTests(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
        fixture.Host.ClearRequests();
    }

    private Uri Base => fixture.Host.BaseUri;

    private AzureSignInOptions Custom(AzureAuthMethod method) => EmulatorCloud.Options(Base, method);

    private AzureSignInOptions ClientSecret(string? secret = null, string? subscription = null)
    {
        var options = Custom(AzureAuthMethod.ClientSecret);
        options.TenantId = (string)EmulatorScenario.Tenant["id"]!;
        options.ClientId = (string)EmulatorScenario.App["clientId"]!;
        options.ClientSecret = SecureStrings.FromPlain(secret ?? (string)EmulatorScenario.App["secret"]!);
        options.SubscriptionId = subscription;
        return options;
    }

    [Fact]
    public async Task Client_secret_sign_in_picks_a_subscription_and_names_the_app()
    {
        var signIn = await AzureSession.SignInAsync(ClientSecret(), log, FastSettings.Create(), CancellationToken.None);

        var info = signIn.Connection;
        Assert.Equal(("Custom", "ClientSecret", (string)EmulatorScenario.App["clientId"]!), (info.Environment, info.AuthMethod, info.Account));
        Assert.Contains(EmulatorScenario.Subscriptions, s => (string?)s["subscriptionId"] == info.SubscriptionId);
        Assert.Equal((string)EmulatorScenario.Tenant["id"]!, info.TenantId);
        Assert.DoesNotContain((string)EmulatorScenario.App["secret"]!, log.All + info);
    }

    [Fact]
    public async Task Given_subscription_is_used_and_an_unknown_one_is_not_found()
    {
        var second = (string)EmulatorScenario.Subscriptions.Last()["subscriptionId"]!;

        var signIn = await AzureSession.SignInAsync(ClientSecret(subscription: second), log, FastSettings.Create(), CancellationToken.None);
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            AzureSession.SignInAsync(ClientSecret(subscription: "00000000-0000-4000-8000-00000000dead"), log, FastSettings.Create(), CancellationToken.None));

        Assert.Equal(second, signIn.Connection.SubscriptionId);
        Assert.Equal(("AzureSubscriptionNotFound", FailureKind.ObjectNotFound), (ex.ErrorId, ex.Kind));
    }

    [Fact]
    public async Task Wrong_secret_is_an_authentication_error()
    {
        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => AzureSession.SignInAsync(ClientSecret("wrong-secret"), log, FastSettings.Create(), CancellationToken.None));

        Assert.Equal(("AzureAuthenticationFailed", FailureKind.AuthenticationError), (ex.ErrorId, ex.Kind));
    }

    [Fact]
    public async Task Missing_secret_is_rejected_before_any_request()
    {
        var options = ClientSecret();
        options.ClientSecret = null;

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => AzureSession.SignInAsync(options, log, FastSettings.Create(), CancellationToken.None));

        Assert.Equal(("AzureSignInIncomplete", FailureKind.InvalidArgument), (ex.ErrorId, ex.Kind));
        Assert.Empty(fixture.Host.Requests);
    }

    [Fact]
    public async Task Managed_identity_system_assigned_sends_no_client_id()
    {
        using var _ = ManagedIdentityEnvironment();

        var signIn = await AzureSession.SignInAsync(Custom(AzureAuthMethod.ManagedIdentity), log, FastSettings.Create(), CancellationToken.None);

        // MSAL may serve the token from its process-wide managed identity cache, so there may be no request to inspect.
        Assert.All(fixture.Host.Requests.Where(r => r.Service == "msi"), r => Assert.DoesNotContain("client_id", r.Url));
        Assert.Equal((string)EmulatorScenario.ManagedIdentity["systemAssigned"]!["clientId"]!, signIn.Connection.Account);
    }

    [Fact]
    public async Task Managed_identity_user_assigned_sends_the_given_client_id()
    {
        using var _ = ManagedIdentityEnvironment();
        var clientId = (string)EmulatorScenario.ManagedIdentity["userAssigned"]!.AsArray().First()!["clientId"]!;
        var options = Custom(AzureAuthMethod.ManagedIdentity);
        options.ClientId = clientId;

        var signIn = await AzureSession.SignInAsync(options, log, FastSettings.Create(), CancellationToken.None);

        Assert.Contains(fixture.Host.Requests, r => r.Service == "msi" && r.Url.Contains("client_id=" + clientId));
        Assert.Equal(clientId, signIn.Connection.Account);
    }

    [Fact]
    public async Task Runbook_without_connect_uses_managed_identity_and_the_custom_cloud_named_by_the_environment()
    {
        using var _ = ManagedIdentityEnvironment();
        using var __ = EmulatorCloud.Variables(Base);
        AzureSession.Disconnect();
        try
        {
            var context = await AzureSession.GetContextAsync(log, CancellationToken.None);

            Assert.Equal("Default (ManagedIdentity)", context.Connection.AuthMethod);
            Assert.Same(context.Connection, AzureSession.Current);
            Assert.NotNull(await context.Arm.GetAsync("subscriptions/" + context.SubscriptionId, ApiVersions.Resources, false, CancellationToken.None));
        }
        finally
        {
            AzureSession.Disconnect();
        }
    }

    [Fact]
    public async Task Verbose_log_has_a_line_per_call_and_no_token()
    {
        var signIn = await AzureSession.SignInAsync(ClientSecret(), log, FastSettings.Create(), CancellationToken.None);
        var token = await signIn.Credential.GetTokenAsync(new TokenRequestContext(new[] { signIn.Environment.ArmScope }), CancellationToken.None);

        Assert.Matches(@"HTTP GET https://127\.0\.0\.1:\d+/subscriptions\?api-version=2022-12-01 -> 200 in \d+ ms", log.All);
        Assert.DoesNotContain(token.Token, log.All);
        Assert.DoesNotContain(token.Token.Split('.')[1], log.All);
    }

    private IDisposable ManagedIdentityEnvironment() => ProcessEnvironment.Set(
        ("IDENTITY_ENDPOINT", new Uri(Base, "msi/token").AbsoluteUri),
        ("IDENTITY_HEADER", (string)EmulatorScenario.ManagedIdentity["identityHeader"]!),
        ("MSI_ENDPOINT", null),
        ("MSI_SECRET", null));
}

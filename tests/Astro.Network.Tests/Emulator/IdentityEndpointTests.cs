using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Xunit;

namespace Astro.Network.Tests.Emulator;

[Collection(EmulatorCollection.Name)]
public sealed class IdentityEndpointTests(EmulatorFixture fx) : EmulatorTestBase(fx)
{
    private const string TokenPath = EmulatorFixture.TenantId + "/oauth2/v2.0/token";
    private async Task<(HttpStatusCode Status, JsonNode Body)> PostForm(string path, params (string, string)[] fields)
    {
        using var content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Item1, f.Item2)));
        var response = await Client.PostAsync(path, content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    [Fact]
    public async Task Client_secret_token_works_on_arm_and_carries_the_principal()
    {
        var (status, body) = await PostForm(TokenPath, ("grant_type", "client_credentials"), ("client_id", EmulatorFixture.ClientId),
            ("client_secret", EmulatorFixture.ClientSecret), ("scope", "https://management.azure.com//.default"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", (string)body["token_type"]!);
        var token = (string)body["access_token"]!;
        Assert.Equal(3, token.Split('.').Length);

        Fx.Host.ClearRequests();
        var (response, _) = await Fx.SendAsync(Client, HttpMethod.Get, $"subscriptions/{EmulatorFixture.SubscriptionId}?api-version=2022-12-01", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(EmulatorFixture.ClientObjectId, Fx.Host.Requests.Single().PrincipalId);
    }

    [Theory]
    [InlineData("wrong secret", "https://management.azure.com/.default", 401, "invalid_client")]
    [InlineData("right secret", "https://management.azure.com/user_impersonation", 400, "invalid_scope")]
    public async Task Bad_client_credentials_are_rejected(string which, string scope, int status, string error)
    {
        // A label, not the secret: test names end up in result files, which are swept for secrets.
        var secret = which == "right secret" ? EmulatorFixture.ClientSecret : "wrong-secret";
        var (code, body) = await PostForm(TokenPath, ("grant_type", "client_credentials"), ("client_id", EmulatorFixture.ClientId),
            ("client_secret", secret), ("scope", scope));
        Assert.Equal(status, (int)code);
        Assert.Equal(error, (string)body["error"]!);
        Assert.StartsWith("AADSTS", (string)body["error_description"]!);
    }

    [Fact]
    public async Task Unknown_tenant_and_app_are_rejected()
    {
        var (tenantStatus, tenantBody) = await PostForm("11111111-2222-3333-4444-555555555555/oauth2/v2.0/token", ("grant_type", "client_credentials"),
            ("client_id", EmulatorFixture.ClientId), ("client_secret", EmulatorFixture.ClientSecret), ("scope", "https://management.azure.com/.default"));
        Assert.Equal(HttpStatusCode.BadRequest, tenantStatus);
        Assert.Contains("AADSTS90002", (string)tenantBody["error_description"]!);

        var (appStatus, appBody) = await PostForm(TokenPath, ("grant_type", "client_credentials"),
            ("client_id", Guid.NewGuid().ToString()), ("client_secret", "x"), ("scope", "https://management.azure.com/.default"));
        Assert.Equal(HttpStatusCode.BadRequest, appStatus);
        Assert.Equal("unauthorized_client", (string)appBody["error"]!);
    }

    [Fact]
    public async Task Azure_Identity_ClientSecretCredential_gets_a_token_from_the_emulator_authority()
    {
        foreach (var disableDiscovery in new[] { true, false })
        {
            var credential = new ClientSecretCredential(EmulatorFixture.TenantId, EmulatorFixture.ClientId, EmulatorFixture.ClientSecret,
                new ClientSecretCredentialOptions
                {
                    AuthorityHost = Fx.Host.BaseUri,
                    DisableInstanceDiscovery = disableDiscovery,
                    Transport = new HttpClientTransport(EmulatorFixture.CreateHandler(Fx.Host)),
                });
            var token = await credential.GetTokenAsync(new TokenRequestContext(["https://management.azure.com//.default"]), default);
            Assert.Equal(3, token.Token.Split('.').Length);
            var (response, _) = await Fx.SendAsync(Client, HttpMethod.Get, "subscriptions?api-version=2022-12-01", token.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Certificate_assertion_is_accepted_only_for_the_registered_thumbprint()
    {
        using var rsa = RSA.Create(2048);
        using var cert = new CertificateRequest("CN=astro-network-ci", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        lock (Fx.Host.State.Sync)
        {
            var app = Fx.Host.State.Tenants[0].Apps[0];
            app.CertificateThumbprint = cert.Thumbprint;
            app.Certificate = Convert.ToBase64String(cert.RawData);
        }
        var good = Assertion(rsa, cert.GetCertHash(), EmulatorFixture.ClientId);
        var (ok, body) = await PostForm(TokenPath, ("grant_type", "client_credentials"), ("client_id", EmulatorFixture.ClientId),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", good),
            ("scope", "https://graph.microsoft.com/.default"));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.NotNull(body["access_token"]);

        var wrongThumbprint = Assertion(rsa, SHA1.HashData([1, 2, 3]), EmulatorFixture.ClientId);
        var (rejected, error) = await PostForm(TokenPath, ("grant_type", "client_credentials"), ("client_id", EmulatorFixture.ClientId),
            ("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"), ("client_assertion", wrongThumbprint),
            ("scope", "https://graph.microsoft.com/.default"));
        Assert.Equal(HttpStatusCode.Unauthorized, rejected);
        Assert.Equal("invalid_client", (string)error["error"]!);
    }

    [Fact]
    public async Task Device_code_flow_issues_user_tokens_and_refresh_works()
    {
        var (_, device) = await PostForm(EmulatorFixture.TenantId + "/oauth2/v2.0/devicecode",
            ("client_id", "1950a258-227b-4e31-a9cf-717495945fc2"), ("scope", "https://management.azure.com//user_impersonation offline_access openid profile"));
        Assert.NotNull(device["user_code"]);
        var (status, tokens) = await PostForm(TokenPath, ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", "1950a258-227b-4e31-a9cf-717495945fc2"), ("device_code", (string)device["device_code"]!));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(tokens["id_token"]);
        var (arm, _) = await Fx.SendAsync(Client, HttpMethod.Get, "subscriptions?api-version=2022-12-01", (string)tokens["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, arm.StatusCode);

        var (refreshed, graph) = await PostForm(TokenPath, ("grant_type", "refresh_token"), ("client_id", "1950a258-227b-4e31-a9cf-717495945fc2"),
            ("refresh_token", (string)tokens["refresh_token"]!), ("scope", "https://graph.microsoft.com/.default offline_access"));
        Assert.Equal(HttpStatusCode.OK, refreshed);
        var (graphCall, _) = await Fx.SendAsync(Client, HttpMethod.Get, "graph/v1.0/servicePrincipals", (string)graph["access_token"]!);
        Assert.NotEqual(HttpStatusCode.Unauthorized, graphCall.StatusCode);
    }

    [Fact]
    public async Task Discovery_documents_point_at_the_emulator()
    {
        var config = JsonNode.Parse(await Client.GetStringAsync($"{EmulatorFixture.TenantId}/v2.0/.well-known/openid-configuration"))!;
        Assert.Equal(new Uri(Fx.Host.BaseUri, TokenPath).ToString(), (string)config["token_endpoint"]!);
        var instance = JsonNode.Parse(await Client.GetStringAsync(
            $"common/discovery/instance?api-version=1.1&authorization_endpoint={Uri.EscapeDataString(Fx.Host.BaseUri + EmulatorFixture.TenantId + "/oauth2/v2.0/authorize")}"))!;
        Assert.Contains(Fx.Host.BaseUri.Authority, instance["metadata"]![0]!["aliases"]!.AsArray().Select(a => (string)a!));
    }

    [Theory]
    [InlineData("", null, HttpStatusCode.OK, "3d4e5f60-7182-439a-abcd-ef0123456789")]
    [InlineData("&client_id=4e5f6071-8293-44ab-bcde-f01234567890", null, HttpStatusCode.OK, "4e5f6071-8293-44ab-bcde-f01234567890")]
    [InlineData("&mi_res_id=/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-astro", null, HttpStatusCode.OK, "4e5f6071-8293-44ab-bcde-f01234567890")]
    [InlineData("&client_id=00000000-0000-0000-0000-000000000001", null, HttpStatusCode.BadRequest, null)]
    [InlineData("", "wrong-header", HttpStatusCode.Unauthorized, null)]
    public async Task Managed_identity_endpoint_follows_the_app_service_contract(string query, string? header, HttpStatusCode expected, string? clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"msi/token?api-version=2019-08-01&resource=https://management.azure.com/{query}");
        request.Headers.Add("X-IDENTITY-HEADER", header ?? "test-identity-header");
        var response = await Client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (clientId is null)
        {
            return;
        }
        Assert.Equal(clientId, (string)body["client_id"]!);
        Assert.Equal("Bearer", (string)body["token_type"]!);
        Assert.True(long.Parse((string)body["expires_on"]!) > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var (arm, _) = await Fx.SendAsync(Client, HttpMethod.Get, "subscriptions?api-version=2022-12-01", (string)body["access_token"]!);
        Assert.Equal(HttpStatusCode.OK, arm.StatusCode);
    }

    private static string Assertion(RSA key, byte[] thumbprint, string clientId)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64(Encoding.UTF8.GetBytes(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT", ["x5t"] = B64(thumbprint) }.ToJsonString()));
        var payload = B64(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["aud"] = "token-endpoint", ["iss"] = clientId, ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString(), ["nbf"] = now, ["exp"] = now + 600,
        }.ToJsonString()));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + payload + "." + B64(signature);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Identity;
using Xunit;

namespace Astro.Network.Tests.Emulator.Graph;

/// <summary>Graph requests as the test scenario's principals (tokens issued directly for the Graph audience).</summary>
public abstract class GraphTestBase(EmulatorFixture fx) : EmulatorTestBase(fx)
{
    protected const string AstronomerAppId = "a67e6057-7138-4f78-bbaf-fd9db7b8aab0";
    protected const string AstronomerPublisherTenant = "00000000-0000-4000-8000-00000000a570";
    protected const string ReadonlyClientId = "8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d";
    protected const string ReadonlyObjectId = "0a1b2c3d-4e5f-4607-9819-2a3b4c5d6e7f";
    protected const string UserObjectId = "9e8d7c6b-5a49-4382-b716-0f1e2d3c4b5a";
    protected const string UserPrincipalName = "operator@contoso.example";
    protected const string SystemIdentityObjectId = "2c3d4e5f-6071-4829-9abc-def012345678";
    protected const string UserIdentityObjectId = "5f607182-93a4-45bc-8def-012345678901";

    protected static readonly EmulatorPrincipal CiApp =
        new(EmulatorFixture.ClientObjectId, EmulatorFixture.TenantId, EmulatorFixture.ClientId, EmulatorPrincipal.App, "astro-network-ci");
    protected static readonly EmulatorPrincipal ReadonlyApp =
        new(ReadonlyObjectId, EmulatorFixture.TenantId, ReadonlyClientId, EmulatorPrincipal.App, "astro-network-readonly");
    protected static readonly EmulatorPrincipal Operator =
        new(UserObjectId, EmulatorFixture.TenantId, null, EmulatorPrincipal.User, UserPrincipalName);
    protected static readonly EmulatorPrincipal SystemIdentity =
        new(SystemIdentityObjectId, EmulatorFixture.TenantId, "3d4e5f60-7182-439a-abcd-ef0123456789", EmulatorPrincipal.ManagedIdentity, null);
    protected static readonly EmulatorPrincipal UserIdentity =
        new(UserIdentityObjectId, EmulatorFixture.TenantId, "4e5f6071-8293-44ab-bcde-f01234567890", EmulatorPrincipal.ManagedIdentity, null);

    protected string TokenFor(EmulatorPrincipal principal, string audience = EmulatorFixture.GraphAudience) =>
        Fx.Host.State.Tokens.Issue(principal, audience, TimeSpan.FromHours(1));

    /// <summary>A Graph v1.0 request; <paramref name="path"/> is relative to graph/v1.0/ (or absolute, e.g. a nextLink).</summary>
    protected async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Graph(
        HttpMethod method, string path, EmulatorPrincipal? caller = null, JsonNode? body = null)
    {
        var url = path.StartsWith("https://", StringComparison.Ordinal) ? path : "graph/v1.0/" + path;
        var (response, json) = await Fx.SendAsync(Client, method, url, TokenFor(caller ?? CiApp), body);
        return (response.StatusCode, json, response);
    }

    protected static void AssertGraphError(JsonNode? body, string code)
    {
        Assert.Equal(code, (string?)body?["error"]?["code"]);
        Assert.False(string.IsNullOrEmpty((string?)body!["error"]!["message"]));
        Assert.NotNull(body["error"]!["innerError"]?["request-id"]);
    }

    protected static JsonObject CreateBody(string appId) => new() { ["appId"] = appId };

    protected int ServicePrincipalCount() => Fx.Host.State.ServicePrincipalsIn(EmulatorFixture.TenantId).Count;
}

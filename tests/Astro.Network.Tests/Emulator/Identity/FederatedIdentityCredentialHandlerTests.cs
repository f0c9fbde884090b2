using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Tests.Emulator.Handlers;
using Xunit;

namespace Astro.Network.Tests.Emulator.Identity;

public sealed class FederatedIdentityCredentialHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Version = "?api-version=2023-01-31";
    private const string Identities = Sub + "/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/";
    private const string Issuer = "https://eastus2.oic.prod-aks.azure.com/b84efac8-cfae-467a-b223-23b9aea1486d/3075f79e-abc2-4602-a691-28117197e83d/";

    private static string Credentials(string identity) => $"{Identities}{identity}/federatedIdentityCredentials{Version}";

    private static string Credential(string identity, string name) => $"{Identities}{identity}/federatedIdentityCredentials/{name}{Version}";

    private static JsonObject Body(string? issuer, string? subject, params string[] audiences)
    {
        var properties = new JsonObject { ["issuer"] = issuer, ["subject"] = subject, ["audiences"] = new JsonArray(audiences.Select(a => (JsonNode)a!).ToArray()) };
        return new JsonObject { ["properties"] = properties };
    }

    private static JsonObject Valid(string subject) => Body(Issuer, subject, "api://AzureADTokenExchange");

    [Fact]
    public async Task Lists_the_seeded_credentials_in_pages_with_the_spec_shape()
    {
        var first = await GetOk(Credentials("uami-astro"));
        Assert.Equal(2, first["value"]!.AsArray().Count);
        Assert.Contains("$skiptoken=2", (string)first["nextLink"]!);

        var all = await ListAll(Credentials("uami-astro"));
        Assert.Equal(["github-contoso-app-main", "stellar-nebula-1037-scheduler", "stellar-nebula-1037-worker"], all.Select(c => (string)c["name"]!));
        var scheduler = all[1];
        Assert.Equal("Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials", (string)scheduler["type"]!);
        Assert.Equal("/" + Identities + "uami-astro/federatedIdentityCredentials/stellar-nebula-1037-scheduler", (string)scheduler["id"]!);
        Assert.Equal(Issuer, (string)scheduler["properties"]!["issuer"]!);
        Assert.Equal("system:serviceaccount:stellar-nebula-1037:stellar-nebula-1037-scheduler-serviceaccount", (string)scheduler["properties"]!["subject"]!);
        Assert.Equal(["api://AzureADTokenExchange"], Strings(scheduler["properties"]!["audiences"]));
        Assert.Equal("repo:contoso/app:ref:refs/heads/main", (string)all[0]["properties"]!["subject"]!);
        Assert.Equal(18, (await ListAll(Credentials("uami-crowded"))).Count);
    }

    [Fact]
    public async Task Put_creates_with_201_updates_with_200_and_get_reads_it_back()
    {
        var url = Credential("uami-astro", "galactic-orbit-4821-worker");
        var (created, body) = await Send(HttpMethod.Put, url, Valid("system:serviceaccount:galactic-orbit-4821:galactic-orbit-4821-worker-serviceaccount"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal((string)body!["id"]!, created.Headers.Location!.OriginalString);
        Assert.Equal("galactic-orbit-4821-worker", (string)body!["name"]!);
        Assert.Equal(Issuer, (string)body["properties"]!["issuer"]!);

        var (updated, _) = await Send(HttpMethod.Put, url, Valid("system:serviceaccount:galactic-orbit-4821:other"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Null(updated.Headers.Location);
        Assert.Equal("system:serviceaccount:galactic-orbit-4821:other", (string)(await GetOk(url))["properties"]!["subject"]!);
        Assert.Equal(4, (await ListAll(Credentials("uami-astro"))).Count);
    }

    [Fact]
    public async Task The_21st_credential_is_refused_but_updating_one_of_20_is_not()
    {
        for (var i = 19; i <= 20; i++)
        {
            var (response, _) = await Send(HttpMethod.Put, Credential("uami-crowded", $"team-{i}-app"), Valid($"system:serviceaccount:team-{i}:app"));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await AssertError(Send(HttpMethod.Put, Credential("uami-crowded", "team-21-app"), Valid("system:serviceaccount:team-21:app")),
            HttpStatusCode.BadRequest, "FederatedIdentityCredentialsLimitExceeded");
        Assert.Equal(20, (await ListAll(Credentials("uami-crowded"))).Count);

        var (update, _) = await Send(HttpMethod.Put, Credential("uami-crowded", "team-20-app"), Valid("system:serviceaccount:team-20:renamed"));
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
    }

    [Fact]
    public async Task The_same_issuer_and_subject_twice_on_one_identity_is_refused()
    {
        var subject = "system:serviceaccount:stellar-nebula-1037:stellar-nebula-1037-scheduler-serviceaccount";
        var (response, body) = await Send(HttpMethod.Put, Credential("uami-astro", "copy-of-scheduler"), Valid(subject));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("BadRequest", (string)body!["error"]!["code"]!);
        Assert.Contains("Issuer and subject combination already exists", (string)body["error"]!["message"]!);
        await AssertError(Send(HttpMethod.Get, Credential("uami-astro", "copy-of-scheduler")), HttpStatusCode.NotFound, "ResourceNotFound");

        // Re-putting the credential that holds the pair is an update, and another identity may hold the same pair.
        var (same, _) = await Send(HttpMethod.Put, Credential("uami-astro", "stellar-nebula-1037-scheduler"), Valid(subject));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        var (elsewhere, _) = await Send(HttpMethod.Put, Credential("uami-crowded", "copy-of-scheduler"), Valid(subject));
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    public static TheoryData<string, string> InvalidRequests() => new()
    {
        { "ab", Valid("s").ToJsonString() },
        { "-starts-with-hyphen", Valid("s").ToJsonString() },
        { "has.dot", Valid("s").ToJsonString() },
        { "a" + new string('b', 120), Valid("s").ToJsonString() },
        { "no-properties", "{}" },
        { "no-issuer", Body(null, "s", "api://AzureADTokenExchange").ToJsonString() },
        { "http-issuer", Body("http://issuer.example/", "s", "api://AzureADTokenExchange").ToJsonString() },
        { "relative-issuer", Body("issuer.example", "s", "api://AzureADTokenExchange").ToJsonString() },
        { "no-subject", Body(Issuer, null, "api://AzureADTokenExchange").ToJsonString() },
        { "long-subject", Body(Issuer, new string('s', 601), "api://AzureADTokenExchange").ToJsonString() },
        { "no-audience", Body(Issuer, "s").ToJsonString() },
        { "two-audiences", Body(Issuer, "s", "api://AzureADTokenExchange", "api://other").ToJsonString() },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Invalid_names_and_bodies_are_refused_and_nothing_is_written(string name, string body)
    {
        await AssertError(Send(HttpMethod.Put, Credential("uami-astro", name), JsonNode.Parse(body)), HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal(3, (await ListAll(Credentials("uami-astro"))).Count);
    }

    [Fact]
    public async Task Delete_answers_200_then_204_and_leaves_the_others()
    {
        var url = Credential("uami-astro", "github-contoso-app-main");
        var (deleted, _) = await Send(HttpMethod.Delete, url);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var (missing, _) = await Send(HttpMethod.Delete, url);
        Assert.Equal(HttpStatusCode.NoContent, missing.StatusCode);
        await AssertError(Send(HttpMethod.Get, url), HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.Equal(["stellar-nebula-1037-scheduler", "stellar-nebula-1037-worker"], (await ListAll(Credentials("uami-astro"))).Select(c => (string)c["name"]!));
    }

    [Fact]
    public async Task A_missing_identity_is_a_404_for_every_operation()
    {
        await AssertError(Send(HttpMethod.Get, Credentials("uami-missing")), HttpStatusCode.NotFound, "ResourceNotFound");
        await AssertError(Send(HttpMethod.Get, Credential("uami-missing", "any-name")), HttpStatusCode.NotFound, "ResourceNotFound");
        await AssertError(Send(HttpMethod.Put, Credential("uami-missing", "any-name"), Valid("s")), HttpStatusCode.NotFound, "ResourceNotFound");
        await AssertError(Send(HttpMethod.Delete, Credential("uami-missing", "any-name")), HttpStatusCode.NotFound, "ResourceNotFound");
        Assert.DoesNotContain(Fx.Host.State.Resources.All(), r => r.Id.Contains("uami-missing", StringComparison.OrdinalIgnoreCase));
    }
}

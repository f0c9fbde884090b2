using System.Net;
using System.Text;
using Astro.Network.Emulator.Faults;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Soak;

/// <summary>The emulator's fault kinds, seen from a bare HTTP client.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class FaultKindTests(EmulatorFixture fx) : EmulatorTestBase(fx)
{
    private const string Vnet = "subscriptions/" + EmulatorFixture.SubscriptionId
        + "/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub?api-version=2024-01-01";

    [Fact]
    public async Task Raw_body_is_sent_as_is_with_its_content_type()
    {
        using (var content = new StringContent("""{"service":"arm","pathContains":"virtualNetworks","status":200,"rawBody":"{\"id\": \"/sub","contentType":"application/json"}""", Encoding.UTF8, "application/json"))
        {
            Assert.Equal(HttpStatusCode.OK, (await Client.PostAsync("_emulator/faults", content)).StatusCode);
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, Vnet);
        request.Headers.Authorization = new("Bearer", Fx.IssueToken());
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"id\": \"/sub", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Raw_body_defaults_to_json_content_type_and_keeps_retry_after()
    {
        Fx.Host.Faults.Add(new FaultRule { Service = "astro", Status = 503, RawBody = "<html>busy</html>", RetryAfterSeconds = 2 });
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/organizations/org-test/clusters");
        request.Headers.Authorization = new("Bearer", EmulatorFixture.AstroToken);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("<html>busy</html>", await response.Content.ReadAsStringAsync());
    }
}

using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

/// <summary>ARM calls against the emulator for handler tests: a fresh token, every list page, LRO polling.</summary>
public abstract class ArmHandlerTestBase(EmulatorFixture fx) : EmulatorTestBase(fx)
{
    protected const string Sub = "subscriptions/" + EmulatorFixture.SubscriptionId;
    protected const string Data = Sub + "/resourceGroups/rg-data/providers/";

    protected Task<(HttpResponseMessage Response, JsonNode? Body)> Send(HttpMethod method, string url, JsonNode? body = null,
        IDictionary<string, string>? headers = null) => Fx.SendAsync(Client, method, url, Fx.IssueToken(), body, headers);

    protected async Task<JsonObject> GetOk(string url)
    {
        var (response, body) = await Send(HttpMethod.Get, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return body!.AsObject();
    }

    /// <summary>All items of a list, following nextLink (the test scenario pages by 2).</summary>
    protected async Task<List<JsonObject>> ListAll(string url)
    {
        var items = new List<JsonObject>();
        for (string? next = url; next is not null;)
        {
            var page = await GetOk(next);
            items.AddRange(page["value"]!.AsArray().Select(v => v!.AsObject()));
            next = page["nextLink"] is { } link ? new Uri((string)link!).PathAndQuery : null;
        }
        return items;
    }

    /// <summary>Polls an Azure-AsyncOperation URL until it leaves InProgress and returns the final status.</summary>
    protected async Task<string> PollAsyncOperation(HttpResponseMessage response) =>
        (string)(await PollAsyncOperationBody(response))["status"]!;

    /// <summary>The final body of the Azure-AsyncOperation URL ({status, error, ...}).</summary>
    protected async Task<JsonObject> PollAsyncOperationBody(HttpResponseMessage response)
    {
        var url = new Uri(response.Headers.GetValues("Azure-AsyncOperation").Single()).PathAndQuery;
        for (var i = 0; i < 10; i++)
        {
            var body = await GetOk(url);
            if ((string)body["status"]! is "Succeeded" or "Failed" or "Canceled")
            {
                return body;
            }
        }
        throw new TimeoutException("The operation did not finish.");
    }

    protected static async Task AssertError(Task<(HttpResponseMessage Response, JsonNode? Body)> call, HttpStatusCode status, string code)
    {
        var (response, body) = await call;
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(code, (string)body!["error"]!["code"]!);
    }

    protected static IEnumerable<string> Strings(JsonNode? array, string? field = null) =>
        array!.AsArray().Select(i => (string)(field is null ? i : i![field])!);
}

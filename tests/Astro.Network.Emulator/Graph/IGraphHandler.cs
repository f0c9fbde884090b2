using System.Text.Json;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Graph;

/// <summary>One Graph v1.0 entity set (e.g. "servicePrincipals"), one file per set, registered in <see cref="GraphHandlers"/>.</summary>
public interface IGraphHandler
{
    /// <summary>Entity-set name of the first path segment after /graph/v1.0/, e.g. "servicePrincipals" (matched case-insensitively).</summary>
    string EntitySet { get; }

    /// <summary>Return null when the request is not supported (answered 400 BadRequest, as Graph does for unknown segments).</summary>
    Task<IResult?> HandleAsync(GraphRequestContext ctx);
}

/// <summary>
/// An authenticated Graph request: Segments are the path segments after /graph/v1.0/. A first segment with an alternate key,
/// e.g. servicePrincipals(appId='…'), is split into <see cref="KeyProperty"/> and <see cref="KeyValue"/>.
/// </summary>
public sealed class GraphRequestContext
{
    public required HttpContext Http { get; init; }
    public required EmulatorState State { get; init; }
    public required EmulatorPrincipal Principal { get; init; }
    public required IReadOnlyList<string> Segments { get; init; }
    public string? KeyProperty { get; init; }
    public string? KeyValue { get; init; }
    public string Method => Http.Request.Method;

    /// <summary>The caller's tenant: Graph answers from the directory the token was issued for.</summary>
    public string TenantId => Principal.TenantId;

    /// <summary>Absolute URL of the Graph v1.0 root on this emulator, ending in "/".</summary>
    public string Root => new Uri(State.BaseUri, "graph/v1.0/").ToString();

    /// <summary>A query option by name, with or without the "$" prefix (v1.0 accepts both).</summary>
    public string? Query(string name)
    {
        var query = Http.Request.Query;
        var value = query.TryGetValue("$" + name, out var dollar) ? dollar : query[name];
        return value.Count == 0 ? null : value.ToString();
    }

    /// <summary>The JSON object body, or null when it is missing or not a JSON object.</summary>
    public async Task<JsonObject?> ReadJsonAsync()
    {
        try
        {
            return await JsonNode.ParseAsync(Http.Request.Body, cancellationToken: Http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The one list of Graph handlers. Add a line here for each new handler file.</summary>
public static class GraphHandlers
{
    public static IReadOnlyList<IGraphHandler> All { get; } =
    [
        new ServicePrincipalsHandler(),
        new ApplicationsHandler(),
        new UsersHandler(),
        new OrganizationHandler(),
        new DirectoryObjectsHandler(),
    ];
}

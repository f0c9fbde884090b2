using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Graph;

/// <summary>One Graph v1.0 entity set (e.g. "servicePrincipals"), one file per set, registered in <see cref="GraphHandlers"/>.</summary>
public interface IGraphHandler
{
    /// <summary>First path segment after /graph/v1.0/, e.g. "servicePrincipals" (matched case-insensitively).</summary>
    string EntitySet { get; }

    /// <summary>Return null when the request is not supported (answered 400 BadRequest, as Graph does for unknown segments).</summary>
    Task<IResult?> HandleAsync(GraphRequestContext ctx);
}

/// <summary>An authenticated Graph request: Segments are the path segments after /graph/v1.0/.</summary>
public sealed class GraphRequestContext
{
    public required HttpContext Http { get; init; }
    public required EmulatorState State { get; init; }
    public required EmulatorPrincipal Principal { get; init; }
    public required IReadOnlyList<string> Segments { get; init; }
    public string Method => Http.Request.Method;
}

/// <summary>The one list of Graph handlers. Add a line here for each new handler file.</summary>
public static class GraphHandlers
{
    public static IReadOnlyList<IGraphHandler> All { get; } = [];
}

using System.Text.RegularExpressions;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Graph;

/// <summary>Microsoft Graph root at {base}graph/: token check (aud https://graph.microsoft.com), v1.0 only, handler dispatch.</summary>
internal sealed partial class GraphEndpoints
{
    private readonly EmulatorState _state;

    public GraphEndpoints(EmulatorState state)
    {
        _state = state;
        // The directory (Graph app roles, directory roles) lives here, so tokens get their roles/wids claims from it.
        state.Tokens.DirectoryClaims = (principal, audience) => GraphDirectory.TokenClaims(state, principal, audience);
    }

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (failure, principal, _) = BearerAuth.Check(context, _state, BearerAuth.GraphAudiences(_state));
        if (failure != AuthFailure.None)
        {
            var message = failure switch
            {
                AuthFailure.Missing => "Access token is empty.",
                AuthFailure.Expired => "Lifetime validation failed, the token is expired.",
                AuthFailure.WrongAudience => "Invalid audience.",
                _ => "Access token validation failure. Invalid signature.",
            };
            return ServiceErrors.Graph(401, "InvalidAuthenticationToken", message)
                .WithHeader("WWW-Authenticate", $"Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\", error=\"invalid_token\", error_description=\"{message}\"");
        }
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        if (segments.Count == 0 || segments[0] != "v1.0")
        {
            return ServiceErrors.Graph(400, "BadRequest", $"Invalid version: {segments.FirstOrDefault() ?? ""}");
        }
        segments.RemoveAt(0);
        var set = segments.FirstOrDefault() ?? "";
        string? keyProperty = null, keyValue = null;
        if (set.Contains('('))
        {
            var key = KeySegment().Match(set);
            if (!key.Success)
            {
                return ServiceErrors.Graph(400, "BadRequest", $"Bad Request - Error in query syntax: '{set}'.");
            }
            set = key.Groups["set"].Value;
            keyProperty = key.Groups["key"].Success ? key.Groups["key"].Value : "id";
            keyValue = key.Groups["value"].Value.Replace("''", "'");
        }
        var handler = GraphHandlers.All.FirstOrDefault(h => h.EntitySet.Equals(set, StringComparison.OrdinalIgnoreCase));
        var ctx = new GraphRequestContext
        {
            Http = context, State = _state, Principal = principal!, Segments = segments, KeyProperty = keyProperty, KeyValue = keyValue,
        };
        return (handler is null ? null : await handler.HandleAsync(ctx))
            ?? ServiceErrors.Graph(400, "BadRequest", $"Resource not found for the segment '{set}'.");
    }

    // entitySet('value') or entitySet(property='value'); OData doubles a quote inside a literal.
    [GeneratedRegex(@"^(?<set>[A-Za-z]+)\((?:(?<key>[A-Za-z]+)=)?'(?<value>(?:[^']|'')*)'\)$")]
    private static partial Regex KeySegment();
}

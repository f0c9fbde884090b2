using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Arm;

/// <summary>
/// What ARM does before a resource provider sees a request: token, api-version, subscription, resource group and
/// parent checks; then the built-ins, the LRO polling URLs, or the handler registered for the resource type.
/// </summary>
internal sealed class ArmFrontDoor(EmulatorState state)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var (failure, principal, audience) = BearerAuth.Check(context, state, BearerAuth.ArmAudiences);
        if (failure != AuthFailure.None)
        {
            return AuthError(failure, audience);
        }
        var apiVersion = context.Request.Query["api-version"].ToString();
        if (apiVersion.Length == 0)
        {
            return ArmErrors.MissingApiVersion();
        }
        var path = ArmPath.Parse(context.Request.Path.Value ?? "/");
        if (ResourceGraph.ResourceGraphEndpoint.Matches(path.Segments))
        {
            return await ResourceGraph.ResourceGraphEndpoint.HandleAsync(context, state, principal!, apiVersion);
        }
        if (ArmBuiltIns.TryHandle(path.Segments, context, state, principal!, apiVersion) is { } builtIn)
        {
            return builtIn;
        }
        if (ArmOperationEndpoints.IsPollingPath(path))
        {
            return ArmOperationEndpoints.Handle(path, state, context);
        }
        if (!path.IsResource)
        {
            return ArmErrors.Error(404, "InvalidRequestUri", $"The request URI '{path.Path}' is not a valid Azure Resource Manager path.");
        }
        var (handler, target, action) = Resolve(path, context.Request.Method);
        if (handler is null)
        {
            return ArmErrors.InvalidResourceType(path, apiVersion);
        }
        if (!handler.ApiVersions.Contains(apiVersion))
        {
            return ArmErrors.InvalidApiVersion(apiVersion, handler.ResourceType, handler.ApiVersions);
        }
        if (CheckScope(target, principal!) is { } scopeError)
        {
            return scopeError;
        }
        var ctx = new ArmRequestContext
        {
            Http = context, State = state, Path = target, Action = action, ApiVersion = apiVersion, Principal = principal!,
        };
        try
        {
            return await handler.HandleAsync(ctx) ?? ArmErrors.MethodNotAllowed(context.Request.Method, handler.ResourceType);
        }
        catch (ArmRequestException e)
        {
            return e.Result;
        }
    }

    /// <summary>The handler for a path; "{resource}/{action}" (POST) resolves to the resource's handler.</summary>
    private static (IArmResourceHandler? Handler, ArmPath Target, string? Action) Resolve(ArmPath path, string method)
    {
        if (ArmHandlers.Find(path.ResourceType) is { } handler)
        {
            return (handler, path, null);
        }
        if (path.IsCollection && HttpMethods.IsPost(method) && path.Segments.Length - path.ProvidersIndex > 4)
        {
            var owner = ArmPath.Parse(string.Join('/', path.Segments[..^1]));
            if (ArmHandlers.Find(owner.ResourceType) is { } ownerHandler)
            {
                return (ownerHandler, owner, path.Segments[^1]);
            }
        }
        return (null, path, null);
    }

    private EmulatorResult? CheckScope(ArmPath path, EmulatorPrincipal principal)
    {
        lock (state.Sync)
        {
            if (path.SubscriptionId is { } subscriptionId)
            {
                if (ArmBuiltIns.CheckSubscription(subscriptionId, state, principal, out var sub) is { } denied)
                {
                    return denied;
                }
                if (path.ResourceGroup is { } rg && !sub!.ResourceGroups.Any(g => g.Name.Equals(rg, StringComparison.OrdinalIgnoreCase)))
                {
                    return ArmErrors.ResourceGroupNotFound(rg);
                }
            }
        }
        // The owner (parent resource, or the resource an extension resource sits on) must exist.
        var owner = ArmPath.Parse(path.Owner);
        return owner is { IsResource: true, IsCollection: false } && state.Resources.Get(owner.Path) is null
            ? ArmErrors.ResourceNotFound(owner.Path)
            : null;
    }

    private static EmulatorResult AuthError(AuthFailure failure, string? audience) => failure switch
    {
        AuthFailure.Missing => ArmErrors.Unauthorized("AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing."),
        AuthFailure.Expired => ArmErrors.Unauthorized("ExpiredAuthenticationToken",
            $"The access token expiry UTC time is earlier than current UTC time '{DateTime.UtcNow:M/d/yyyy h:mm:ss tt}'."),
        AuthFailure.WrongAudience => ArmErrors.Unauthorized("InvalidAuthenticationTokenAudience",
            $"The access token has been obtained for wrong audience or resource '{audience}'. It should exactly match with one of the allowed audiences '{string.Join("','", BearerAuth.ArmAudiences)}'."),
        _ => ArmErrors.Unauthorized("InvalidAuthenticationToken", "The access token is invalid."),
    };
}

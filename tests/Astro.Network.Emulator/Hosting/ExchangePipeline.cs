using System.Text;
using Astro.Network.Emulator.Arm;
using Astro.Network.Emulator.Astro;
using Astro.Network.Emulator.Control;
using Astro.Network.Emulator.Faults;
using Astro.Network.Emulator.Graph;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.Recording;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Hosting;

internal sealed record ServiceEndpoints(
    AstroEndpoints Astro, ArmFrontDoor Arm, GraphEndpoints Graph, EntraEndpoints Entra, ManagedIdentityEndpoint Msi, ControlEndpoints Control);

/// <summary>Every request: classify the service, apply faults, dispatch, then record it (redacted) and write ARM traffic.</summary>
internal sealed class ExchangePipeline(EmulatorState state, FaultInjector faults, RequestLog log, TrafficWriter? traffic, ServiceEndpoints endpoints,
    ConcurrencyMeter concurrency)
{
    public async Task HandleAsync(HttpContext context)
    {
        var service = Services.Classify(context.Request.Path);
        if (service == Services.Control)
        {
            await (await endpoints.Control.HandleAsync(context)).ExecuteAsync(context);
            return;
        }

        var visit = service == Services.Arm ? concurrency.Enter(context.Request.Path.Value ?? "") : null;
        try
        {
            await ExchangeAsync(context, service);
        }
        finally
        {
            visit?.Exit(context.Response.StatusCode);
        }
    }

    private async Task ExchangeAsync(HttpContext context, string service)
    {
        var request = context.Request;
        request.EnableBuffering();
        var requestBody = await new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
        request.Body.Position = 0;
        var pathAndQuery = request.Path.Value + request.QueryString.Value;
        StampRequestIds(context, service);

        var originalBody = context.Response.Body;
        using var captured = new MemoryStream();
        context.Response.Body = captured;
        var dropped = false;
        FaultRule? fault = null;
        try
        {
            fault = faults.Take(request.Method, pathAndQuery, service);
            if (fault?.ConcurrentChange is { } change && service == Services.Arm)
            {
                state.Resources.Update(request.Path.Value!, body => JsonMergePatch.Apply(body, (System.Text.Json.Nodes.JsonObject)change.DeepClone()));
            }
            dropped = await FaultResponder.RunAsync(faults, fault, context, service,
                async () => await (await DispatchAsync(service, context)).ExecuteAsync(context));
        }
        finally
        {
            context.Response.Body = originalBody;
        }
        // Recorded before the client gets the body, so a test that reads the log right after a call always sees it.
        // An injected answer is the test's doing, not the service contract: it is logged but not written as traffic for oav.
        var injected = fault is not null && (fault.Status is not null || fault.RawBody is not null || fault.Body is not null || fault.DropConnection);
        Record(context, service, pathAndQuery, requestBody, dropped ? null : Encoding.UTF8.GetString(captured.ToArray()), dropped, injected);
        if (!dropped)
        {
            captured.Position = 0;
            await captured.CopyToAsync(originalBody, context.RequestAborted);
        }
    }

    /// <summary>ARM and Graph answer every request with the ids a support case asks for; clients log them.</summary>
    private static void StampRequestIds(HttpContext context, string service)
    {
        var id = Guid.NewGuid().ToString();
        var headers = context.Response.Headers;
        if (service == Services.Arm)
        {
            headers["x-ms-request-id"] = id;
            headers["x-ms-correlation-request-id"] = id;
        }
        else if (service == Services.Graph)
        {
            headers["request-id"] = id;
            var sent = context.Request.Headers["client-request-id"].ToString();
            headers["client-request-id"] = sent.Length > 0 ? sent : id;
        }
    }

    private async Task<IResult> DispatchAsync(string service, HttpContext context) => service switch
    {
        Services.Astro => endpoints.Astro.Handle(context),
        Services.Arm => await endpoints.Arm.HandleAsync(context),
        Services.Graph => await endpoints.Graph.HandleAsync(context),
        Services.Msi => endpoints.Msi.Handle(context),
        _ => await endpoints.Entra.HandleAsync(context),
    };

    private void Record(HttpContext context, string service, string pathAndQuery, string requestBody, string? responseBody, bool dropped, bool injected)
    {
        var secrets = state.Secrets();
        var method = context.Request.Method;
        var exchange = new RecordedExchange
        {
            Time = DateTimeOffset.UtcNow,
            Method = method,
            Url = Redactor.Url(pathAndQuery, secrets),
            Service = service,
            Status = dropped ? 0 : context.Response.StatusCode,
            IsWrite = service is Services.Astro or Services.Arm or Services.Graph
                && (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
                && !Arm.ResourceGraph.ResourceGraphEndpoint.Matches(context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? []),   // a query POST reads
            RequestBody = requestBody.Length == 0 ? null : Redactor.Body(requestBody, context.Request.ContentType, secrets),
            ResponseBody = string.IsNullOrEmpty(responseBody) ? null : Redactor.Body(responseBody, context.Response.ContentType, secrets),
            PrincipalId = EmulatorState.PrincipalOf(context)?.ObjectId,
            UserAgent = context.Request.Headers.UserAgent.ToString(),
        };
        log.Add(exchange);
        if (service == Services.Arm && !dropped && !injected)
        {
            traffic?.Write(exchange, context.Request.ContentType, context.Response.Headers);
        }
    }
}

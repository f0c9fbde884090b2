using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Faults;

/// <summary>Runs one request under its fault (if any): latency, drop, injected status, or a failing long-running operation.</summary>
public static class FaultResponder
{
    private const string OperationErrorKey = "Astro.Network.Emulator.Faults.OperationError";

    /// <summary>Answers the request; true when the connection was dropped (nothing to send).</summary>
    public static async Task<bool> RunAsync(FaultInjector faults, FaultRule? fault, HttpContext context, string service, Func<Task> handle)
    {
        if (fault is null)
        {
            await handle();
            return false;
        }
        if (fault.LatencyMs > 0)
        {
            await Task.Delay(fault.LatencyMs, context.RequestAborted);
        }
        if (fault.OperationFails)
        {
            context.Items[OperationErrorKey] = fault.OperationError();
            await handle();
            // Counted only when a long-running operation took the error.
            if (!context.Items.ContainsKey(OperationErrorKey))
            {
                faults.CountInjected(fault);
            }
            return false;
        }
        if (fault.DropConnection || fault.Status is not null)
        {
            if (fault.AfterHandling)
            {
                await handle();
                context.Response.Clear();
            }
            faults.CountInjected(fault);
            if (fault.DropConnection)
            {
                context.Abort();
                return true;
            }
            await fault.Respond(service, fault.Status!.Value).ExecuteAsync(context);
            return false;
        }
        faults.CountInjected(fault);
        await handle();
        return false;
    }

    /// <summary>The error the operation this request starts must end with (consumed once), or null.</summary>
    public static JsonObject? TakeOperationError(HttpContext context)
    {
        if (context.Items.TryGetValue(OperationErrorKey, out var value) && value is JsonObject error)
        {
            context.Items.Remove(OperationErrorKey);
            return error;
        }
        return null;
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// {server}/firewallRules/{name} with an IPv4 start and end address (SQL, PostgreSQL and MySQL flexible, Synapse, Redis): GET, list,
/// PUT and DELETE of one rule, synchronous or long-running per service. Other rules are never touched. The collection
/// PUT ("replace all") is not served.
/// </summary>
public abstract class ServerFirewallRuleHandler : ArmResourceHandler
{
    /// <summary>Long-running PUT (202 with Azure-AsyncOperation and Location) and DELETE (202 with Location).</summary>
    protected abstract bool IsLongRunning { get; }

    /// <summary>The service's error for a rule name it refuses, or null.</summary>
    protected abstract EmulatorResult? CheckName(string name);

    /// <summary>The service's error when a start or end address is missing or not dotted IPv4.</summary>
    protected abstract EmulatorResult NotIPv4(string field, string? value);

    /// <summary>The service's error when the start address is above the end address.</summary>
    protected abstract EmulatorResult InvalidRange(string start, string end);

    /// <summary>The names of the start and end address properties.</summary>
    protected virtual (string Start, string End) Fields => ("startIpAddress", "endIpAddress");

    /// <summary>The service's error when the server does not take firewall rules (e.g. public access disabled), or null.</summary>
    protected virtual EmulatorResult? CheckServer(JsonObject server, int ruleCount, bool creating) => null;

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        Properties(body);
        return body;
    }

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var request = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (CheckName(ctx.Path.Name!) is { } badName)
        {
            return badName;
        }
        var start = JsonText.Of(request["properties"]?[Fields.Start]);
        var end = JsonText.Of(request["properties"]?[Fields.End]);
        if (Ipv4Block.ParseAddress(start) is not { } first)
        {
            return NotIPv4(Fields.Start, start);
        }
        if (Ipv4Block.ParseAddress(end) is not { } last)
        {
            return NotIPv4(Fields.End, end);
        }
        if (first > last)
        {
            return InvalidRange(start!, end!);
        }
        var server = ctx.Store.Get(ctx.Path.Owner);
        if (server is null)
        {
            return ArmErrors.ResourceNotFound(ctx.Path.Owner);
        }
        var creating = ctx.Store.Get(ctx.ResourceId) is null;
        if (CheckServer(server.Body, ctx.Store.List(ctx.Path.Owner, ResourceType).Count, creating) is { } refused)
        {
            return refused;
        }
        var rule = WithIdentity(ctx, new JsonObject
        {
            ["properties"] = new JsonObject { [Fields.Start] = start, [Fields.End] = end },
        });
        if (IsLongRunning)
        {
            // The rule exists only once the operation is done (a client must poll, then GET).
            return ctx.LongRunning(202, null, complete: () => ctx.Store.Put(ctx.ResourceId, rule),
                locationHeader: true, location: (string?)server.Body["location"]);
        }
        var (outcome, stored) = ctx.Store.Put(ctx.ResourceId, rule);
        return Respond(outcome == StoreOutcome.Created ? CreatedStatus : 200, stored!);
    }

    /// <summary>The status of a synchronous PUT that created the rule.</summary>
    protected virtual int CreatedStatus => 201;

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        if (ctx.Store.Get(ctx.ResourceId) is null)
        {
            return Task.FromResult<IResult?>(EmulatorResult.Empty(204));
        }
        if (!IsLongRunning)
        {
            ctx.Store.Delete(ctx.ResourceId);
            return Task.FromResult<IResult?>(EmulatorResult.Empty(200));
        }
        var location = (string?)ctx.Store.Get(ctx.Path.Owner)?.Body["location"];
        return Task.FromResult<IResult?>(ctx.LongRunning(202, null, complete: () => ctx.Store.Delete(ctx.ResourceId),
            locationHeader: true, location: location, emptyResultStatus: DeletedResultStatus));
    }

    /// <summary>What a long-running DELETE's Location URL answers once done (no body).</summary>
    protected virtual int DeletedResultStatus => 204;
}

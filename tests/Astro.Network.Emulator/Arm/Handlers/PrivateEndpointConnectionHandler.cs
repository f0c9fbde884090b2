using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// {parent}/privateEndpointConnections[/{name}] for every type in <see cref="PrivateEndpointConnectionProfile.All"/>: list,
/// get, PUT (approve/reject an existing connection; a provider cannot create one) and DELETE, each answering as its
/// swagger declares (sync or LRO, paging, error shape, Key Vault's 204 for a missing connection).
/// </summary>
public sealed class PrivateEndpointConnectionHandler(PrivateEndpointConnectionProfile profile) : ArmResourceHandler
{
    private const string StateField = "privateLinkServiceConnectionState";

    public static IReadOnlyList<IArmResourceHandler> All { get; } =
        PrivateEndpointConnectionProfile.All.Select(p => (IArmResourceHandler)new PrivateEndpointConnectionHandler(p)).ToList();

    public override string ResourceType => profile.ResourceType;
    public override IReadOnlyCollection<string> ApiVersions { get; } = [profile.ApiVersion];

    protected override IResult? GetAsync(ArmRequestContext ctx) =>
        PrivateEndpointConnections.Find(ctx.Store, profile, ctx.Path.Owner, ctx.Path.Name!) is { } connection
            ? EmulatorResult.Json(200, connection)
            : profile.MissingIsNoContent ? EmulatorResult.Empty(204) : NotFound(ctx);

    protected override IResult? ListAsync(ArmRequestContext ctx)
    {
        var items = PrivateEndpointConnections.List(ctx.Store, profile, ctx.Path.Owner).Select(c => (JsonNode)c);
        return profile.Paged ? ctx.Page(items) : EmulatorResult.Json(200, new JsonObject { ["value"] = new JsonArray(items.ToArray()) });
    }

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var request = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (PrivateEndpointConnections.Find(ctx.Store, profile, ctx.Path.Owner, ctx.Path.Name!) is not { } current)
        {
            return NotFound(ctx);
        }
        if (profile.HasETag && ctx.IfMatch is { } ifMatch && ifMatch != "*" && ifMatch != (string?)current["etag"])
        {
            return ctx.PreconditionFailed();
        }
        var location = (string?)ctx.Store.Get(ctx.Path.Owner)?.Body["location"];
        var (status, description, problem) = Read(request, current);
        if (problem is { } refused)
        {
            if (!profile.RefusalsFailOperation)
            {
                return Error(400, refused.Code, refused.Message);
            }
            // The PUT declares no error response: the service accepts the request and fails the operation.
            return ctx.LongRunning(200, current, complete: null, location: location,
                error: new JsonObject { ["code"] = refused.Code, ["message"] = refused.Message });
        }
        var done = WithState(current, status!, description, profile.DoneState);
        var running = WithState(current, status!, description, profile.UpdatingState(status!));
        if (profile.Write is ConnectionWrite.Sync or ConnectionWrite.SyncWithOperationHeaders)
        {
            Save(ctx, _ => done);
            var saved = PrivateEndpointConnections.Find(ctx.Store, profile, ctx.Path.Owner, ctx.Path.Name!)!;
            return profile.Write == ConnectionWrite.Sync
                ? EmulatorResult.Json(200, saved)
                : ctx.LongRunning(200, saved, complete: null, location: location);
        }
        // Long-running: the new state shows once the operation completes; until then only provisioningState moves.
        Save(ctx, c => c is null ? null : WithState(c, Status(c)!, null, profile.UpdatingState(status!)));
        return profile.Write switch
        {
            ConnectionWrite.OkLongRunning => ctx.LongRunning(200, running, Complete(ctx, done), location: location),
            ConnectionWrite.AcceptedWithBody => ctx.LongRunning(202, running, Complete(ctx, done), Final(ctx), locationHeader: true, location: location),
            _ => ctx.LongRunning(202, null, Complete(ctx, done), Final(ctx), locationHeader: true, location: location),
        };
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        if (PrivateEndpointConnections.Find(ctx.Store, profile, ctx.Path.Owner, ctx.Path.Name!) is null)
        {
            return Task.FromResult<IResult?>(profile.DeleteAnswersObject ? EmulatorResult.Json(200, new JsonObject()) : EmulatorResult.Empty(204));
        }
        if (!profile.DeleteIsLongRunning)
        {
            Save(ctx, _ => null);
            return Task.FromResult<IResult?>(EmulatorResult.Empty(200));
        }
        var location = (string?)ctx.Store.Get(ctx.Path.Owner)?.Body["location"];
        return Task.FromResult<IResult?>(ctx.LongRunning(202, profile.DeleteAnswersObject ? new JsonObject() : null, complete: () => Save(ctx, _ => null),
            locationHeader: true, location: location));
    }

    /// <summary>The status and description a PUT sets, or why the service refuses it.</summary>
    private (string? Status, string? Description, (string Code, string Message)? Problem) Read(JsonObject request, JsonObject current)
    {
        if (request["properties"]?[StateField] is not JsonObject state)
        {
            return (null, null, ("InvalidRequestContent", $"The request content is missing the required property 'properties.{StateField}'."));
        }
        var status = JsonText.Of(state["status"]);
        var description = JsonText.Of(state["description"]);
        if ((state["status"] is not null && status is null) || (state["description"] is not null && description is null))
        {
            return (null, null, ("InvalidRequestContent", $"'{StateField}.status' and '{StateField}.description' must be strings."));
        }
        if (profile.DescriptionRequired && (status is null || description is null))
        {
            return (null, null, ("InvalidRequestContent", $"'{StateField}.status' and '{StateField}.description' are required."));
        }
        status ??= Status(current)!;
        if (profile.Statuses is { } allowed)
        {
            status = allowed.FirstOrDefault(a => a.Equals(status, StringComparison.OrdinalIgnoreCase));
            if (status is null)
            {
                return (null, null, ("InvalidPrivateEndpointConnectionStatus",
                    $"The status '{JsonText.Of(state["status"])}' is not valid. Allowed values: {string.Join(", ", allowed)}."));
            }
        }
        var before = Status(current);
        var change = !string.Equals(before, status, StringComparison.OrdinalIgnoreCase);
        if (profile.ReapproveRefused && !change && IsOneOf(before, "Approved"))
        {
            return (null, null, (PrivateEndpointConnectionProfile.StorageRefusal,
                "Values for request parameters are invalid: privateLinkServiceConnectionState.status."));
        }
        // Per profile (see RejectedRefusal); [inf] a Disconnected connection is never reopened: the consumer must create a new endpoint.
        var refusal = IsOneOf(before, "Disconnected") ? "InvalidPrivateEndpointConnectionStatusTransition" : IsOneOf(before, "Rejected") ? profile.RejectedRefusal : null;
        if (change && refusal is not null)
        {
            return (null, null, (refusal, refusal == PrivateEndpointConnectionProfile.StorageRefusal
                ? "Values for request parameters are invalid: privateLinkServiceConnectionState.status."
                : $"The private endpoint connection is {before} and cannot be set to {status}. The private endpoint must be recreated."));
        }
        return (status, description, null);
    }

    private JsonObject WithState(JsonObject connection, string status, string? description, string provisioningState)
    {
        var next = (JsonObject)connection.DeepClone();
        var properties = Properties(next);
        var state = properties[StateField] as JsonObject ?? new JsonObject();
        state["status"] = status;
        if (description is not null)
        {
            state["description"] = description;
        }
        if (profile.ActionsField is { } actions)
        {
            state[actions] ??= "None";
        }
        properties[StateField] = state;
        properties["provisioningState"] = provisioningState;
        return next;
    }

    private Action Complete(ArmRequestContext ctx, JsonObject done) =>
        () => Save(ctx, c => c is null ? null : WithState(c, Status(done)!, JsonText.Of(done["properties"]?[StateField]?["description"]), profile.DoneState));

    private Func<JsonNode?> Final(ArmRequestContext ctx) =>
        () => PrivateEndpointConnections.Find(ctx.Store, profile, ctx.Path.Owner, ctx.Path.Name!);

    private void Save(ArmRequestContext ctx, Func<JsonObject?, JsonObject?> change) =>
        PrivateEndpointConnections.Update(ctx.Store, profile, ctx.Path.Owner, ctx.Path.Name!, change);

    private static string? Status(JsonObject connection) => JsonText.Of(connection["properties"]?[StateField]?["status"]);

    private static bool IsOneOf(string? value, params string[] options) =>
        value is not null && options.Contains(value, StringComparer.OrdinalIgnoreCase);

    private EmulatorResult Error(int status, string code, string message) => profile.FlatErrors
        ? EmulatorResult.Json(status, new JsonObject { ["code"] = code, ["message"] = message })
        : ArmErrors.Error(status, code, message);

    private EmulatorResult NotFound(ArmRequestContext ctx) => profile.FlatErrors
        ? Error(404, "NotFound", $"Private endpoint connection '{ctx.Path.Name}' not found.")
        : ctx.NotFound();
}

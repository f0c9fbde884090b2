using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.ManagedIdentity/userAssignedIdentities (ManagedIdentity.json 2023-01-31, all synchronous): GET, list by group
/// and subscription, PUT 201/200 (location required), PATCH 200 (tags only: properties are read-only), DELETE 200/204
/// (its federated identity credentials go with it). tenantId/principalId/clientId are kept across writes; a new identity
/// takes them from the scenario's managedIdentity.userAssigned entry with its resource ID, else fresh GUIDs.
/// </summary>
public sealed partial class UserAssignedIdentityHandler : PatchableResourceHandler
{
    public override string ResourceType => "Microsoft.ManagedIdentity/userAssignedIdentities";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2023-01-31"];

    // Portal rule for identity names [inf: the RP's error code is not documented].
    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9-_]{2,127}$")]
    private static partial Regex NamePattern();

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var request = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (!NamePattern().IsMatch(ctx.Path.Name!))
        {
            return ctx.Error(400, "InvalidResourceName",
                $"Resource name '{ctx.Path.Name}' is invalid. The name can contain only letters, numbers, underscores and hyphens, must start with a letter or number, and must be 3 to 128 characters long.");
        }
        if (JsonText.Of(request["location"]) is not { Length: > 0 } location)
        {
            return ctx.Error(400, "LocationRequired", "The location property is required for this definition.");
        }
        if (TagsError(ctx, request) is { } tagsError)
        {
            return tagsError;
        }
        var existing = ctx.Store.Get(ctx.ResourceId);
        if (existing is not null && !SameLocation(JsonText.Of(existing.Body["location"]), location))
        {
            return ctx.Error(400, "InvalidResourceLocation",
                $"The resource '{ctx.Path.Name}' already exists in location '{existing.Body["location"]}' in resource group '{ctx.Path.ResourceGroup}'. A resource with the same name cannot be created in location '{location}'. Please select a new resource name.");
        }
        var body = WithIdentity(ctx, new JsonObject { ["location"] = location });
        if (request["tags"] is JsonObject tags)
        {
            body["tags"] = tags.DeepClone();
        }
        // Client-sent properties are read-only and ignored.
        body["properties"] = existing?.Body["properties"]?.DeepClone() ?? NewProperties(ctx);
        var (outcome, stored) = ctx.Store.Put(ctx.ResourceId, body, ctx.IfMatch, ctx.IfNoneMatch);
        return outcome == StoreOutcome.PreconditionFailed
            ? ctx.PreconditionFailed()
            : Respond(outcome == StoreOutcome.Created ? 201 : 200, stored!);
    }

    protected override EmulatorResult? Validate(ArmRequestContext ctx, JsonObject patch) => TagsError(ctx, patch);

    /// <summary>Only tags change (location is create-only and properties read-only in IdentityUpdate).</summary>
    protected override void ApplyPatch(JsonObject body, JsonObject patch)
    {
        if (patch["tags"] is JsonObject tags)
        {
            body["tags"] = tags.DeepClone();
        }
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        lock (FederatedIdentityCredentialHandler.WriteLock)
        {
            var deleted = ctx.Store.Delete(ctx.ResourceId) == StoreOutcome.Deleted;
            return Task.FromResult<IResult?>(EmulatorResult.Empty(deleted ? 200 : 204));
        }
    }

    private static JsonObject NewProperties(ArmRequestContext ctx)
    {
        var seeded = ctx.State.ManagedIdentity?.UserAssigned
            .FirstOrDefault(i => string.Equals(i.ResourceId, ctx.ResourceId, StringComparison.OrdinalIgnoreCase));
        var tenantId = ctx.State.FindSubscription(ctx.Path.SubscriptionId!)?.TenantId ?? ctx.Principal.TenantId;
        return new JsonObject
        {
            ["tenantId"] = tenantId,
            ["principalId"] = seeded?.PrincipalId ?? Guid.NewGuid().ToString(),
            ["clientId"] = seeded?.ClientId ?? Guid.NewGuid().ToString(),
        };
    }

    private static EmulatorResult? TagsError(ArmRequestContext ctx, JsonObject body) =>
        body["tags"] is null || (body["tags"] is JsonObject tags && tags.All(t => JsonText.Of(t.Value) is not null))
            ? null
            : ctx.Error(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized: 'tags' must be an object of strings.");

    private static bool SameLocation(string? a, string b) =>
        string.Equals(a?.Replace(" ", ""), b.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// A tracked resource whose PATCH is synchronous (200 with the whole resource): the body is validated first, then
/// merged into the stored one (RFC 7396: objects merge, arrays and tags are replaced whole).
/// </summary>
public abstract class PatchableResourceHandler : ArmResourceHandler
{
    /// <summary>The error the service gives for an invalid PATCH body, or null when it is accepted.</summary>
    protected abstract EmulatorResult? Validate(ArmRequestContext ctx, JsonObject patch);

    protected override Task<IResult?> PatchAsync(ArmRequestContext ctx) => WriteAsync(ctx, ApplyPatch);

    /// <summary>
    /// A PUT of the whole resource onto an existing one (as clients that GET and PUT the resource back do): validated as a
    /// PATCH, then properties and tags are replaced, not merged. Creating a resource by PUT is not modelled (404).
    /// </summary>
    protected Task<IResult?> UpdateByPutAsync(ArmRequestContext ctx) => WriteAsync(ctx, (body, put) =>
    {
        body["properties"] = new JsonObject();
        body["tags"] = new JsonObject();
        ApplyPatch(body, put);
    });

    private async Task<IResult?> WriteAsync(ArmRequestContext ctx, Action<JsonObject, JsonObject> apply)
    {
        var request = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (ctx.Store.Get(ctx.ResourceId) is null)
        {
            return ctx.NotFound();
        }
        if (Validate(ctx, request) is { } error)
        {
            return error;
        }
        var (outcome, stored) = ctx.Store.Update(ctx.ResourceId, body => apply(body, request));
        return outcome == StoreOutcome.NotFound ? ctx.NotFound() : Respond(200, stored!);
    }

    /// <summary>
    /// A validated PATCH as a long-running operation: <paramref name="status"/> (200 unless the spec says otherwise) with the
    /// resource as it will be and provisioningState "Updating", Azure-AsyncOperation and Location; the change is applied when
    /// the operation completes. <paramref name="runningStatus"/> set: the service answers with the resource as it was instead,
    /// Updating only when the PATCH changes it (Cosmos DB).
    /// </summary>
    protected EmulatorResult LongRunningPatch(ArmRequestContext ctx, StoredResource current, JsonObject patch, string? runningStatus = null, int status = 200)
    {
        var before = Present(current with { Body = (JsonObject)current.Body.DeepClone() });
        var proposed = current.Body;
        ApplyPatch(proposed, patch);
        var changes = !JsonNode.DeepEquals(Present(current with { Body = (JsonObject)proposed.DeepClone() }), before);
        Properties(before)["provisioningState"] = changes ? "Updating" : "Succeeded";
        var answer = runningStatus is null ? null : before;
        Properties(proposed)["provisioningState"] = "Updating";
        ctx.Store.Update(ctx.ResourceId, body => Properties(body)["provisioningState"] = "Updating");
        return ctx.LongRunning(status, answer ?? Present(current with { Body = proposed }),
            complete: () => ctx.Store.Update(ctx.ResourceId, body =>
            {
                ApplyPatch(body, patch);
                Properties(body)["provisioningState"] = "Succeeded";
            }),
            finalResult: () => ctx.Store.Get(ctx.ResourceId) is { } done ? Present(done) : null,
            locationHeader: true,
            location: (string?)current.Body["location"],
            runningStatus: runningStatus);
    }

    /// <summary>
    /// The first problem in a PATCH's publicNetworkAccess (one of <paramref name="allowed"/>) and its list of IPv4 addresses
    /// or CIDR blocks (<paramref name="address"/> reads one item's text), or null when both are valid or absent.
    /// </summary>
    protected static string? PublicAccessAndIpListProblem(JsonNode? properties, string[] allowed, string listName, Func<JsonNode?, string?> address)
    {
        if (properties?["publicNetworkAccess"] is { } access && !JsonText.IsOneOf(access, allowed))
        {
            return $"Invalid value '{access.ToJsonString()}' for publicNetworkAccess. Allowed values are {string.Join(" and ", allowed.Select(a => $"'{a}'"))}.";
        }
        if (JsonText.Items(properties, listName) is not { } items)
        {
            return $"The property '{listName}' must be an array.";
        }
        var invalid = items.Select(address).Where(text => Ipv4Block.Parse(text) is null).Take(1).ToList();
        return invalid.Count == 0 ? null : $"The entry '{invalid[0]}' in {listName} is not a valid IPv4 address or CIDR range.";
    }

    /// <summary>Applies a validated PATCH body to the stored body. Read-only identity fields are ignored.</summary>
    protected virtual void ApplyPatch(JsonObject body, JsonObject patch)
    {
        var writable = (JsonObject)patch.DeepClone();
        foreach (var readOnly in new[] { "id", "name", "type", "location", "etag", "systemData" })
        {
            writable.Remove(readOnly);
        }
        if (writable["tags"] is JsonObject tags)
        {
            body["tags"] = tags.DeepClone();
            writable.Remove("tags");
        }
        JsonMergePatch.Apply(body, writable);
    }

    /// <summary>Replaces body.properties.networkAcls with the patch's, absent fields taking the service defaults.</summary>
    protected static void ReplaceNetworkAcls(JsonObject body, JsonObject patch, JsonObject defaults, Func<JsonNode, JsonNode>? normaliseIpRule = null)
    {
        if (patch["properties"]?["networkAcls"] is not JsonObject acls)
        {
            return;
        }
        var replaced = (JsonObject)acls.DeepClone();
        foreach (var (key, value) in defaults)
        {
            replaced[key] ??= value?.DeepClone();
        }
        if (normaliseIpRule is not null && replaced["ipRules"] is JsonArray rules)
        {
            replaced["ipRules"] = new JsonArray(rules.Select(r => normaliseIpRule(r!.DeepClone())).ToArray());
        }
        Properties(body)["networkAcls"] = replaced;
    }
}

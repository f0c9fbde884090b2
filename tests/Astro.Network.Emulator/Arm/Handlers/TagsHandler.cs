using System.Text.Json.Nodes;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Resources/tags/default on any resource (azure-specs resources 2022-09-01, Tags_GetAtScope /
/// Tags_CreateOrUpdateAtScope / Tags_UpdateAtScope / Tags_DeleteAtScope): the resource's own "tags", changed without
/// rewriting the resource. PATCH "Merge" adds and updates the given names, "Replace" sets the whole set, "Delete" removes
/// the given names, or name/value pairs where a value is given (the spec's operation descriptions). At most 50 tags (the
/// spec: "a maximum of 50 tags"). A deny policy on tag names (scenario azure.tagPolicies, control POST tag-policies)
/// answers 403 RequestDisallowedByPolicy, as Azure Policy's deny effect does
/// (learn.microsoft.com/azure/azure-resource-manager/troubleshooting/error-policy-requestdisallowedbypolicy).
/// </summary>
public sealed class TagsHandler : IArmResourceHandler
{
    private const int MaxTags = 50;

    public string ResourceType => "Microsoft.Resources/tags";
    public IReadOnlyCollection<string> ApiVersions { get; } = ["2022-09-01"];

    public async Task<IResult?> HandleAsync(ArmRequestContext ctx)
    {
        var scope = ctx.Path.Scope;
        if (!string.Equals(ctx.Path.Name, "default", StringComparison.OrdinalIgnoreCase) || ctx.Store.Get(scope) is not { } resource)
        {
            return ctx.NotFound();
        }
        var current = resource.Body["tags"] as JsonObject ?? new JsonObject();
        JsonObject next;
        switch (ctx.Method.ToUpperInvariant())
        {
            case "GET":
                return ctx.Ok(Present(ctx, current));
            case "DELETE":
                next = new JsonObject();
                break;
            case "PUT":
                next = Given(await ctx.ReadJsonAsync());
                break;
            case "PATCH":
                var body = await ctx.ReadJsonAsync() ?? new JsonObject();
                var given = Given(body);
                var operation = body["operation"]?.GetValue<string>() ?? "";
                next = operation.ToLowerInvariant() switch
                {
                    "merge" => Merge(current, given),
                    "replace" => given,
                    "delete" => Delete(current, given),
                    _ => throw new ArmRequestException(ctx.Error(400, "InvalidTagOperation", $"The tag operation '{operation}' is not one of Replace, Merge, Delete.")),
                };
                break;
            default:
                return null;
        }
        if (next.Count > MaxTags)
        {
            return ctx.Error(400, "InvalidTagCount", $"The resource '{scope}' would have {next.Count} tags; at most {MaxTags} are allowed.");
        }
        if (DeniedBy(ctx.State, scope, current, next) is { } policy)
        {
            return ctx.Error(403, "RequestDisallowedByPolicy",
                $"Resource '{ArmPath.Parse(scope).Name}' was disallowed by policy. Policy identifiers: '[{{\"policyAssignment\":{{\"name\":\"{policy.AssignmentName}\"}}}}]'.");
        }
        var (_, stored) = ctx.Store.Update(scope, b => b["tags"] = next.DeepClone());
        return ctx.Ok(Present(ctx, stored!.Body["tags"] as JsonObject ?? new JsonObject()));
    }

    private static JsonObject Given(JsonObject? body) => (body?["properties"]?["tags"] as JsonObject)?.DeepClone() as JsonObject ?? new JsonObject();

    private static JsonObject Merge(JsonObject current, JsonObject given)
    {
        var next = (JsonObject)current.DeepClone();
        foreach (var (name, value) in given)
        {
            Remove(next, name);
            next[name] = value?.DeepClone();
        }
        return next;
    }

    private static JsonObject Delete(JsonObject current, JsonObject given)
    {
        var next = (JsonObject)current.DeepClone();
        foreach (var (name, value) in given)
        {
            var existing = next.FirstOrDefault(t => t.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
            var text = value?.GetValue<string>();
            if (existing.Key is not null && (string.IsNullOrEmpty(text) || text == existing.Value?.GetValue<string>()))
            {
                next.Remove(existing.Key);
            }
        }
        return next;
    }

    // Tag names are case-insensitive: a merge of "Env" replaces "env".
    private static void Remove(JsonObject tags, string name)
    {
        foreach (var key in tags.Select(t => t.Key).Where(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            tags.Remove(key);
        }
    }

    /// <summary>The first deny policy over the scope that a tag the write adds or changes falls under.</summary>
    private static TagPolicy? DeniedBy(EmulatorState state, string scope, JsonObject current, JsonObject next)
    {
        var changed = next.Where(t => current[t.Key]?.ToJsonString() != t.Value?.ToJsonString()).Select(t => t.Key).ToList();
        lock (state.Sync)
        {
            return state.TagPolicies.FirstOrDefault(p => scope.StartsWith(p.Scope, StringComparison.OrdinalIgnoreCase)
                && changed.Any(name => p.DeniedTagNames.Any(pattern => Matches(name, pattern))));
        }
    }

    private static bool Matches(string name, string pattern) => pattern.EndsWith('*')
        ? name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
        : name.Equals(pattern, StringComparison.OrdinalIgnoreCase);

    private static JsonObject Present(ArmRequestContext ctx, JsonObject tags) => new()
    {
        ["id"] = ctx.ResourceId,
        ["name"] = "default",
        ["type"] = "Microsoft.Resources/tags",
        ["properties"] = new JsonObject { ["tags"] = tags.DeepClone() },
    };
}

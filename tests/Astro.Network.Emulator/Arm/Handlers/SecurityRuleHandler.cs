using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/networkSecurityGroups/securityRules (2024-01-01), kept inside the group's body. PUT is an LRO
/// (201/200 + Azure-AsyncOperation, final-state-via azure-async-operation) honouring If-Match on the rule's etag;
/// DELETE is an LRO (202 + Location, final-state-via location) or 204 when the rule does not exist. Checks and conflicts
/// run under the store lock, so two writers cannot both take one priority.
/// </summary>
public sealed class SecurityRuleHandler : ArmResourceHandler
{
    public override string ResourceType => SecurityRules.RuleType;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01", "2022-01-01"]; // 2022-01-01: the Azure CLI 2.45

    protected override IResult? GetAsync(ArmRequestContext ctx) =>
        Group(ctx) is { } group && SecurityRules.Find(group.Body, ctx.Path.Name!) is { } rule
            ? Respond(ctx, 200, SecurityRules.Present(group.Id, rule))
            : NetworkNotFound(ctx);

    protected override IResult? ListAsync(ArmRequestContext ctx)
    {
        var group = Group(ctx)!;
        var rules = group.Body["properties"]?["securityRules"] as JsonArray ?? [];
        return ctx.Page(rules.OfType<JsonObject>().Select(r => (JsonNode)SecurityRules.Present(group.Id, r)));
    }

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var body = await ctx.ReadJsonAsync() ?? new JsonObject();
        var name = ctx.Path.Name!;
        var properties = SecurityRuleValidator.Validate(ctx, name, body["properties"]);
        properties["provisioningState"] = "Updating";
        var rule = new JsonObject { ["name"] = name, ["etag"] = SecurityRules.NewETag(), ["properties"] = properties };
        var created = false;
        var (_, group) = ctx.Store.Update(ctx.Path.Owner, g =>
        {
            var rules = RulesOf(g);
            var existing = SecurityRules.Find(g, name);
            CheckIfMatch(ctx, g, existing);
            SecurityRuleValidator.CheckConflict(ctx, name, properties, rules.OfType<JsonObject>().Where(r => r != existing));
            created = existing is null;
            if (existing is not null)
            {
                rules.Remove(existing);
            }
            rules.Add(rule.DeepClone());
        });
        var presented = SecurityRules.Present(group!.Id, rule);
        var etag = (string)rule["etag"]!;
        return ctx.LongRunning(created ? 201 : 200, presented,
            complete: () => ctx.Store.Update(ctx.Path.Owner, g => SetState(g, name, etag)),
            location: (string?)group.Body["location"])
            .WithHeader("ETag", etag);
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        var name = ctx.Path.Name!;
        var missing = false;
        var (_, group) = ctx.Store.Update(ctx.Path.Owner, g =>
        {
            var existing = SecurityRules.Find(g, name);
            missing = existing is null;
            if (existing is not null)
            {
                CheckIfMatch(ctx, g, existing);
                ((JsonObject)existing["properties"]!)["provisioningState"] = "Deleting";
            }
        });
        if (missing)
        {
            return Task.FromResult<IResult?>(EmulatorResult.Empty(204));
        }
        return Task.FromResult<IResult?>(ctx.LongRunning(202, null,
            complete: () => ctx.Store.Update(ctx.Path.Owner, g =>
            {
                if (SecurityRules.Find(g, name) is { } rule)
                {
                    RulesOf(g).Remove(rule);
                }
            }),
            locationHeader: true,
            location: (string?)group!.Body["location"]));
    }

    private static StoredResource? Group(ArmRequestContext ctx) => ctx.Store.Get(ctx.Path.Owner);

    private static JsonArray RulesOf(JsonObject group)
    {
        var properties = Properties(group);
        if (properties["securityRules"] is not JsonArray rules)
        {
            rules = [];
            properties["securityRules"] = rules;
        }
        return rules;
    }

    /// <summary>If-Match compares with the rule's etag; "*" (or any value) on a missing rule fails, as in ARM.</summary>
    private static void CheckIfMatch(ArmRequestContext ctx, JsonObject group, JsonObject? existing)
    {
        if (ctx.IfMatch is not { } ifMatch)
        {
            return;
        }
        var current = existing is null ? null : (string?)SecurityRules.Present(ctx.Path.Owner, existing)["etag"];
        if (current is null || (ifMatch != "*" && ifMatch != current))
        {
            throw new ArmRequestException(ctx.PreconditionFailed());
        }
    }

    private static void SetState(JsonObject group, string name, string etag)
    {
        // Only the write this operation made: a later PUT of the same rule owns its own state.
        if (SecurityRules.Find(group, name) is { } rule && (string?)rule["etag"] == etag && rule["properties"] is JsonObject p)
        {
            p["provisioningState"] = "Succeeded";
        }
    }

    private static EmulatorResult Respond(ArmRequestContext ctx, int status, JsonObject rule) =>
        ctx.Ok(rule, status).WithHeader("ETag", (string)rule["etag"]!);

    /// <summary>Network answers a missing child resource with its own 404 shape (not ARM's ResourceNotFound).</summary>
    private static EmulatorResult NetworkNotFound(ArmRequestContext ctx) =>
        EmulatorResult.Json(404, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = "NotFound", ["message"] = $"Resource {ctx.ResourceId} not found.", ["details"] = new JsonArray() },
        });
}

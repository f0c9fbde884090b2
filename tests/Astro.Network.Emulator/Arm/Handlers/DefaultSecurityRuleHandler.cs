using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>Microsoft.Network/networkSecurityGroups/defaultSecurityRules (2024-01-01): the read-only platform rules.</summary>
public sealed class DefaultSecurityRuleHandler : ArmResourceHandler
{
    public override string ResourceType => SecurityRules.DefaultRuleType;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01"];

    protected override IResult? GetAsync(ArmRequestContext ctx) =>
        Rules(ctx).FirstOrDefault(r => string.Equals((string?)r["name"], ctx.Path.Name, StringComparison.OrdinalIgnoreCase)) is { } rule
            ? ctx.Ok(rule)
            : ctx.Error(404, "NotFound", $"Resource {ctx.ResourceId} not found.");

    protected override IResult? ListAsync(ArmRequestContext ctx) => ctx.Page(Rules(ctx));

    private static IEnumerable<JsonObject> Rules(ArmRequestContext ctx) =>
        ctx.Store.Get(ctx.Path.Owner) is { } group ? SecurityRules.Defaults(group.Id, group.ETag) : [];
}

using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.App/containerApps (ContainerApps.json 2024-03-01): GET, list by group and subscription, and ContainerApps_Update,
/// a long-running JSON merge-patch (202 with Location and no body, applied when the operation completes; arrays such as
/// ingress.ipSecurityRestrictions replaced whole). Rules need name, ipAddressRange (IPv4 CIDR) and action Allow|Deny; all
/// rules must share one action, and internal ingress takes private ranges only (learn.microsoft.com/azure/container-apps/
/// ip-restrictions; PSRule Azure.ContainerApp.RestrictIngress). Errors: DefaultErrorResponse {error:{code,message}} [inf: code].
/// </summary>
public sealed class ContainerAppHandler : PatchableResourceHandler
{
    public override string ResourceType => "Microsoft.App/containerApps";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-03-01"];

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        return body;
    }

    protected override async Task<IResult?> PatchAsync(ArmRequestContext ctx)
    {
        var patch = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (ctx.Store.Get(ctx.ResourceId) is not { } current)
        {
            return ctx.NotFound();
        }
        if (Validate(ctx, patch) is { } error)
        {
            return error;
        }
        return ctx.LongRunning(202, null,
            complete: () => ctx.Store.Update(ctx.ResourceId, body => ApplyPatch(body, patch)),
            finalResult: () => ctx.Store.Get(ctx.ResourceId) is { } done ? Present(done) : null,
            asyncOperationHeader: false, locationHeader: true, location: (string?)current.Body["location"]);
    }

    protected override EmulatorResult? Validate(ArmRequestContext ctx, JsonObject patch)
    {
        var ingress = patch["properties"]?["configuration"]?["ingress"];
        if (JsonText.Items(ingress, "ipSecurityRestrictions") is not { } rules)
        {
            return BadRequest("The property 'ipSecurityRestrictions' must be an array.");
        }
        var external = (ingress?["external"] ?? ctx.Store.Get(ctx.ResourceId)?.Body["properties"]?["configuration"]?["ingress"]?["external"]) is JsonValue flag
            && flag.TryGetValue(out bool isExternal) && isExternal;
        foreach (var rule in rules)
        {
            var block = Ipv4Block.Parse(JsonText.Of(rule?["ipAddressRange"]));
            if (string.IsNullOrEmpty(JsonText.Of(rule?["name"])) || block is null || !JsonText.IsOneOf(rule?["action"], "Allow", "Deny"))
            {
                return BadRequest($"The IP security restriction '{rule?.ToJsonString()}' needs a name, an IPv4 CIDR ipAddressRange and action 'Allow' or 'Deny'.");
            }
            if (!external && !block.Value.IsPrivate)
            {
                return BadRequest($"The IP security restriction '{JsonText.Of(rule?["name"])}' is not a private range: an app with internal ingress accepts private ranges only.");
            }
        }
        return rules.Select(r => JsonText.Of(r?["action"])).Distinct().Count() > 1
            ? BadRequest("All IP security restrictions must have the same action: Allow and Deny rules cannot be combined.")
            : null;
    }

    private static EmulatorResult BadRequest(string message) => ArmErrors.Error(400, "InvalidIpSecurityRestrictions", message);
}

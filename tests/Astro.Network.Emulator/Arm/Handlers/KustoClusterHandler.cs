using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Kusto/clusters (kusto.json 2023-08-15): GET, list by group and subscription, and Clusters_Update, a
/// long-running PATCH (202 with the cluster as it will be, Azure-AsyncOperation and Location; applied when the operation
/// completes; allowedIpRangeList replaced whole). The read-only etag changes on every update and If-Match is honoured
/// (412 when stale). allowedIpRangeList items: IPv4 CIDR strings ("format of CIDR"); publicNetworkAccess Enabled|Disabled.
/// Errors use common-types ErrorResponse {error:{code,message}} [inf: code].
/// </summary>
public sealed class KustoClusterHandler : PatchableResourceHandler
{
    public override string ResourceType => "Microsoft.Kusto/clusters";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2023-08-15"];

    /// <summary>ClusterListResult has no nextLink (kusto.json 2023-08-15): the list answers every cluster in one page.</summary>
    protected override IResult? ListAsync(ArmRequestContext ctx) =>
        ctx.Ok(new JsonObject { ["value"] = new JsonArray(ctx.Store.List(ctx.Path.Owner, ResourceType).Select(r => (JsonNode)Present(r)).ToArray()) });

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["etag"] = stored.ETag;
        body["tags"] ??= new JsonObject();
        body["sku"] ??= new JsonObject { ["name"] = "Standard_E2a_v4", ["tier"] = "Standard", ["capacity"] = 2 };
        var name = (string?)stored.Body["name"];
        var location = (string?)stored.Body["location"] ?? "eastus2";
        var properties = Properties(body);
        properties["state"] ??= "Running";
        properties["provisioningState"] ??= "Succeeded";
        properties["uri"] ??= $"https://{name}.{location}.kusto.windows.net";
        properties["dataIngestionUri"] ??= $"https://ingest-{name}.{location}.kusto.windows.net";
        properties["publicNetworkAccess"] ??= "Enabled";
        properties["publicIPType"] ??= "IPv4";
        properties["allowedIpRangeList"] ??= new JsonArray();
        return body;
    }

    protected override async Task<IResult?> PatchAsync(ArmRequestContext ctx)
    {
        var patch = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (ctx.Store.Get(ctx.ResourceId) is not { } current)
        {
            return ctx.NotFound();
        }
        if (ctx.IfMatch is { } ifMatch && ifMatch != "*" && ifMatch != current.ETag)
        {
            return ctx.PreconditionFailed();
        }
        return Validate(ctx, patch) ?? LongRunningPatch(ctx, current, patch, status: 202);
    }

    protected override EmulatorResult? Validate(ArmRequestContext ctx, JsonObject patch) =>
        PublicAccessAndIpListProblem(patch["properties"], ["Enabled", "Disabled"], "allowedIpRangeList", JsonText.Of) is { } problem
            ? BadRequest(problem)
            : null;

    private static EmulatorResult BadRequest(string message) => ArmErrors.Error(400, "BadRequest", message);
}

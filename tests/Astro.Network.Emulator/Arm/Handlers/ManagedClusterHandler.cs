using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.ContainerService/managedClusters (managedClusters.json, 2026-05-01): GET/list; PUT replaces the whole cluster
/// (LRO 200/201 + Azure-AsyncOperation, Updating until polled); PATCH is UpdateTags (LRO, 200) and changes tags only, so an
/// authorizedIPRanges change sent by PATCH is ignored, as by the service. Read-only top-level eTag (also on each agent
/// pool), new on every write; PUT honours If-Match / If-None-Match with 412 (Learn "use-etags"). A PUT while the cluster
/// is mid-operation or stopped is refused with 409 OperationNotAllowed (see <see cref="CheckWritable"/>).
/// </summary>
public sealed class ManagedClusterHandler : ArmResourceHandler
{
    private const int MaxAuthorizedRanges = 200;

    /// <summary>Read-only properties the service keeps whatever a PUT sends.</summary>
    private static readonly string[] ReadOnlyProperties =
        ["provisioningState", "powerState", "maxAgentPools", "currentKubernetesVersion", "fqdn", "privateFQDN", "azurePortalFQDN", "resourceUID"];

    public override string ResourceType => "Microsoft.ContainerService/managedClusters";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2026-05-01"];

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        // One eTag for the cluster and its pools: a cluster-level operation changes them all (Learn "use-etags").
        body["eTag"] = stored.ETag;
        foreach (var pool in (body["properties"]?["agentPoolProfiles"] as JsonArray ?? []).OfType<JsonObject>())
        {
            pool["eTag"] = stored.ETag;
        }
        var name = (string?)body["name"];
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["powerState"] ??= new JsonObject { ["code"] = "Running" };
        properties["maxAgentPools"] ??= 100;
        properties["currentKubernetesVersion"] ??= properties["kubernetesVersion"]?.DeepClone();
        properties["fqdn"] ??= $"{properties["dnsPrefix"] ?? name}-{Hash(stored.Id)}.hcp.{body["location"]}.azmk8s.io";
        properties["azurePortalFQDN"] ??= properties["fqdn"]!.DeepClone();
        return body;
    }

    /// <summary>
    /// The service runs an operation to its end whether or not the client polls; the emulator finishes a cluster's running
    /// operation at the latest when the cluster is next read, so a dropped connection cannot leave it Updating forever.
    /// </summary>
    protected override IResult? GetAsync(ArmRequestContext ctx)
    {
        ctx.State.Operations.FinishFor(ctx.ResourceId);
        return base.GetAsync(ctx);
    }

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var body = await ctx.ReadJsonAsync() ?? new JsonObject();
        var existing = ctx.Store.Get(ctx.ResourceId);
        if (existing is not null && ctx.IfMatch is { } ifMatch && ifMatch != "*" && ifMatch != existing.ETag)
        {
            return ctx.PreconditionFailed();
        }
        CheckWritable(ctx, existing);
        Validate(ctx, body, existing);
        var properties = Properties(WithIdentity(ctx, body));
        body.Remove("systemData");
        body.Remove("eTag");
        foreach (var name in ReadOnlyProperties)
        {
            properties.Remove(name);
            if (existing?.Body["properties"]?[name] is { } kept)
            {
                properties[name] = kept.DeepClone();
            }
        }
        properties["provisioningState"] = existing is null ? "Creating" : "Updating";
        // The store checks the preconditions again under its lock: a write landing after our check still gives 412.
        var (outcome, stored) = ctx.Store.Put(ctx.ResourceId, body, ctx.IfMatch, ctx.IfNoneMatch);
        if (outcome == StoreOutcome.PreconditionFailed)
        {
            return ctx.PreconditionFailed();
        }
        // A failed operation leaves the cluster Failed (Learn "troubleshoot failed state"); an unpolled one still finishes.
        return ctx.LongRunning(outcome == StoreOutcome.Created ? 201 : 200, Present(stored!),
            complete: () => ctx.Store.Update(ctx.ResourceId, b => Properties(b)["provisioningState"] = "Succeeded"),
            location: (string?)body["location"],
            failed: () => ctx.Store.Update(ctx.ResourceId, b => Properties(b)["provisioningState"] = "Failed"),
            resourceId: ctx.ResourceId);
    }

    protected override async Task<IResult?> PatchAsync(ArmRequestContext ctx)
    {
        var body = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (body["tags"] is not (null or JsonObject))
        {
            throw Invalid(ctx, "tags", "The tags must be an object of string values.");
        }
        var (outcome, stored) = ctx.Store.Update(ctx.ResourceId, b =>
        {
            if (body["tags"] is JsonObject tags)
            {
                b["tags"] = tags.DeepClone();
            }
        });
        return outcome == StoreOutcome.NotFound
            ? ctx.NotFound()
            : ctx.LongRunning(200, Present(stored!), complete: null, location: (string?)stored!.Body["location"]);
    }

    /// <summary>
    /// 409 OperationNotAllowed while another operation runs ("Another operation (Updating) is in progress, please wait for
    /// it to finish before starting a new operation." — Azure/azure-workload-identity#417,
    /// Azure/terraform-azurerm-avm-ptn-aks-production#25) and while the cluster is stopped (an update of a stopped cluster
    /// fails: MicrosoftDocs/azure-docs#90658; the wording here is [inf]).
    /// </summary>
    private static void CheckWritable(ArmRequestContext ctx, StoredResource? existing)
    {
        var properties = existing?.Body["properties"];
        var state = (string?)properties?["provisioningState"] ?? "Succeeded";
        if (existing is not null && state is not ("Succeeded" or "Failed" or "Canceled"))
        {
            throw new ArmRequestException(ctx.Error(409, "OperationNotAllowed",
                $"Operation is not allowed: Another operation ({state}) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details"));
        }
        if ((string?)properties?["powerState"]?["code"] == "Stopped")
        {
            throw new ArmRequestException(ctx.Error(409, "OperationNotAllowed",
                "Operation is not allowed because the managed cluster is stopped. Start the cluster before updating it."));
        }
    }

    private static void Validate(ArmRequestContext ctx, JsonObject body, StoredResource? existing)
    {
        var location = (string?)body["location"];
        if (location is null)
        {
            throw Invalid(ctx, "location", "The location property is required for this definition.");
        }
        if (existing?.Body["location"] is { } current && !Same((string?)current, location))
        {
            throw new ArmRequestException(ctx.Error(400, "LocationNotMatch",
                $"The location '{location}' does not match the existing location '{current}' of the managed cluster."));
        }
        var pools = body["properties"]?["agentPoolProfiles"] as JsonArray;
        if (pools is null || pools.Count == 0 || pools.Any(p => p?["name"] is not JsonValue))
        {
            throw Invalid(ctx, "properties.agentPoolProfiles", "The managed cluster must have at least one agent pool profile, each with a name.");
        }
        var access = body["properties"]?["apiServerAccessProfile"];
        var ranges = access?["authorizedIPRanges"] as JsonArray ?? [];
        if (ranges.Count == 0)
        {
            return;
        }
        // learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges: not supported for private clusters [inf: wording].
        if (access?["enablePrivateCluster"] is JsonValue priv && priv.TryGetValue(out bool isPrivate) && isPrivate)
        {
            throw Invalid(ctx, "properties.apiServerAccessProfile.authorizedIPRanges", "API server authorized IP ranges are not supported for private clusters.");
        }
        if (ranges.Count > MaxAuthorizedRanges)
        {
            throw Invalid(ctx, "properties.apiServerAccessProfile.authorizedIPRanges",
                $"The number of APIServer Authorized IP Ranges is greater than the allowed value {MaxAuthorizedRanges}.");
        }
        foreach (var range in ranges)
        {
            var text = JsonText.Of(range) ?? range?.ToJsonString();
            if (Ipv4Block.Parse(text) is not { HasPrefix: true })
            {
                throw Invalid(ctx, "properties.apiServerAccessProfile.authorizedIPRanges",
                    $"The authorized IP range '{text}' is invalid. IP ranges are specified in IPv4 CIDR format, e.g. 137.117.106.88/29.");
            }
        }
    }

    private static bool Same(string? a, string? b) =>
        string.Equals(a?.Replace(" ", ""), b?.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);

    private static string Hash(string id) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(id.ToLowerInvariant())))[..8].ToLowerInvariant();

    private static ArmRequestException Invalid(ArmRequestContext ctx, string target, string message) =>
        new(Hosting.EmulatorResult.Json(400, new JsonObject
        {
            ["error"] = new JsonObject { ["code"] = "InvalidParameter", ["message"] = message, ["target"] = target },
        }));
}

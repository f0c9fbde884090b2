using System.Net;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/privateEndpoints (privateEndpoint.json 2024-01-01). PUT is an LRO (201/200 + Azure-AsyncOperation,
/// final-state-via azure-async-operation) that needs location and an existing subnet, creates the endpoint's network
/// interface with the next free address of the subnet (Azure reserves the first four), and leaves a manual connection
/// Pending with an empty description (recording acr/test_acr_with_private_endpoint.yaml #18) until the provider side decides (example PrivateEndpointCreateForManualApproval.json;
/// Astronomer's side: POST _emulator/astro/clusters/{id}/private-endpoints/approve). customDnsConfigs stays empty for a
/// Private Link Service target, which has no FQDN [inf, Microsoft Learn "Private endpoint DNS configuration"]. DELETE is
/// an LRO (202 + Location, final-state-via location) that also deletes the interface; 204 when absent.
/// </summary>
public sealed class PrivateEndpointHandler : ArmResourceHandler
{
    public const string Type = "Microsoft.Network/privateEndpoints";
    public override string ResourceType => Type;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01"];
    protected override bool BodyHasETag => true;

    protected override async Task<IResult?> PutAsync(ArmRequestContext ctx)
    {
        var request = await ctx.ReadJsonAsync() ?? new JsonObject();
        if (JsonText.Of(request["location"]) is not { Length: > 0 } location)
        {
            return ctx.Error(400, "LocationRequired", "The location property is required for this definition.");
        }
        var requested = request["properties"] as JsonObject ?? new JsonObject();
        var subnetId = JsonText.Of(requested["subnet"]?["id"]);
        var subnetPath = subnetId is null ? null : ArmPath.Parse(subnetId);
        var vnet = subnetPath is { IsCollection: false } ? ctx.Store.Get(subnetPath.Owner) : null;
        var subnet = (vnet?.Body["properties"]?["subnets"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(s => string.Equals(JsonText.Of(s["name"]), subnetPath!.Name, StringComparison.OrdinalIgnoreCase));
        if (subnet is null)
        {
            return ctx.Error(400, "InvalidResourceReference", $"Resource {subnetId} referenced by resource {ctx.ResourceId} was not found.");
        }
        var existing = ctx.Store.Get(ctx.ResourceId);
        var properties = new JsonObject
        {
            ["subnet"] = new JsonObject { ["id"] = subnetId },
            ["privateLinkServiceConnections"] = Connections(requested["privateLinkServiceConnections"], existing, "privateLinkServiceConnections", "Approved", "Auto Approved"),
            ["manualPrivateLinkServiceConnections"] = Connections(requested["manualPrivateLinkServiceConnections"], existing, "manualPrivateLinkServiceConnections", "Pending", ""),
            ["networkInterfaces"] = existing?.Body["properties"]?["networkInterfaces"]?.DeepClone() ?? new JsonArray(new JsonObject { ["id"] = NewInterface(ctx, subnetId!, JsonText.Of(subnet["properties"]?["addressPrefix"]), location) }),
            ["customDnsConfigs"] = new JsonArray(),
            ["ipConfigurations"] = new JsonArray(),
            ["applicationSecurityGroups"] = new JsonArray(),
            ["provisioningState"] = "Updating",
        };
        var body = WithIdentity(ctx, new JsonObject { ["location"] = location, ["properties"] = properties });
        if (request["tags"] is JsonObject tags)
        {
            body["tags"] = tags.DeepClone();
        }
        var (outcome, stored) = ctx.Store.Put(ctx.ResourceId, body, ctx.IfMatch, ctx.IfNoneMatch);
        if (outcome == StoreOutcome.PreconditionFailed)
        {
            return ctx.PreconditionFailed();
        }
        var id = ctx.ResourceId;
        return ctx.LongRunning(outcome == StoreOutcome.Created ? 201 : 200, Present(stored!),
            complete: () => ctx.Store.Update(id, b => Properties(b)["provisioningState"] = "Succeeded"),
            location: location, resourceId: id);
    }

    protected override Task<IResult?> DeleteAsync(ArmRequestContext ctx)
    {
        if (ctx.Store.Get(ctx.ResourceId) is not { } existing)
        {
            return Task.FromResult<IResult?>(EmulatorResult.Empty(204));
        }
        var id = ctx.ResourceId;
        var nics = (existing.Body["properties"]?["networkInterfaces"] as JsonArray ?? []).Select(n => JsonText.Of(n?["id"])).OfType<string>().ToList();
        return Task.FromResult<IResult?>(ctx.LongRunning(202, null,
            complete: () =>
            {
                ctx.Store.Delete(id);
                nics.ForEach(n => ctx.Store.Delete(n));
            },
            asyncOperationHeader: false, locationHeader: true, location: JsonText.Of(existing.Body["location"]), resourceId: id));
    }

    /// <summary>
    /// The requested connections; a connection already there keeps its state (the provider decided it, not the client).
    /// A new automatic one reads Approved "Auto Approved", a manual one Pending with an empty description (azure-recordings
    /// storage/test_storage_account_private_endpoint.yaml #10, acr/test_acr_with_private_endpoint.yaml #18).
    /// </summary>
    private static JsonArray Connections(JsonNode? requested, StoredResource? existing, string property, string status, string description)
    {
        var before = (existing?.Body["properties"]?[property] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var result = new JsonArray();
        foreach (var connection in (requested as JsonArray ?? []).OfType<JsonObject>())
        {
            var p = connection["properties"] as JsonObject ?? new JsonObject();
            var target = JsonText.Of(p["privateLinkServiceId"]);
            var kept = before.FirstOrDefault(b => string.Equals(JsonText.Of(b["properties"]?["privateLinkServiceId"]), target, StringComparison.OrdinalIgnoreCase));
            var properties = (JsonObject)p.DeepClone();
            properties["privateLinkServiceConnectionState"] = kept?["properties"]?["privateLinkServiceConnectionState"]?.DeepClone()
                ?? new JsonObject { ["status"] = status, ["description"] = description, ["actionsRequired"] = "None" };
            properties["provisioningState"] = "Succeeded";
            properties["groupIds"] ??= new JsonArray();
            var item = new JsonObject { ["properties"] = properties };
            if (JsonText.Of(connection["name"]) is { } name)
            {
                item["name"] = name;
            }
            result.Add(item);
        }
        return result;
    }

    /// <summary>The endpoint's NIC ({endpoint}.nic.{guid}, as Azure names it) with the subnet's next free address.</summary>
    private static string NewInterface(ArmRequestContext ctx, string subnetId, string? prefix, string location)
    {
        var used = ctx.Store.OfType(NetworkInterfaceHandler.Type)
            .SelectMany(n => n.Body["properties"]?["ipConfigurations"] as JsonArray ?? [])
            .Select(c => JsonText.Of(c?["properties"]?["privateIPAddress"])).OfType<string>().ToHashSet();
        var address = NextFree(prefix ?? "10.0.0.0/24", used);
        var id = $"/subscriptions/{ctx.Path.SubscriptionId}/resourceGroups/{ctx.Path.ResourceGroup}/providers/{NetworkInterfaceHandler.Type}/{ctx.Path.Name}.nic.{Guid.NewGuid()}";
        ctx.Store.Put(id, new JsonObject
        {
            ["id"] = id,
            ["name"] = id[(id.LastIndexOf('/') + 1)..],
            ["type"] = NetworkInterfaceHandler.Type,
            ["location"] = location,
            ["properties"] = new JsonObject
            {
                ["provisioningState"] = "Succeeded",
                ["privateEndpoint"] = new JsonObject { ["id"] = ctx.ResourceId },
                ["ipConfigurations"] = new JsonArray(new JsonObject
                {
                    ["name"] = "privateEndpointIpConfig." + Guid.NewGuid(),
                    ["properties"] = new JsonObject
                    {
                        ["privateIPAddress"] = address,
                        ["privateIPAllocationMethod"] = "Dynamic",
                        ["subnet"] = new JsonObject { ["id"] = subnetId },
                        ["primary"] = true,
                        ["privateIPAddressVersion"] = "IPv4",
                    },
                }),
            },
        });
        return id;
    }

    private static string NextFree(string prefix, HashSet<string> used)
    {
        var parts = prefix.Split('/');
        var bytes = IPAddress.Parse(parts[0]).GetAddressBytes();
        var start = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        for (var offset = 4u; ; offset++)
        {
            var n = start + offset;
            var text = $"{n >> 24}.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
            if (!used.Contains(text))
            {
                return text;
            }
        }
    }
}

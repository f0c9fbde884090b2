using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.DocumentDB/databaseAccounts (cosmos-db.json 2024-05-15): GET, list (not paged, as the spec's list result
/// has no nextLink) and long-running PATCH answered as live Azure does: 200 with the account as it was (old rules;
/// provisioningState Updating, or Succeeded when the PATCH changes nothing) plus Azure-AsyncOperation and Location, the
/// status reading Dequeued until Succeeded (cosmosdb/test_cosmosdb_network_rule_add.yaml · 16-35, 39-41;
/// cosmosdb/test_update_database_account.yaml · 12, 21, 28-30, 34);
/// the change is applied when the operation completes. Errors use Cosmos DB's flat {code, message} body.
/// ipRules: IPv4 address or CIDR, not inside 10/8, 100.64/10, 172.16/12 or 192.168/16 (spec text).
/// </summary>
public sealed class CosmosDbAccountHandler : PatchableResourceHandler
{
    public override string ResourceType => "Microsoft.DocumentDB/databaseAccounts";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-05-15", "2022-08-15-preview"]; // 2022-08-15-preview: the Azure CLI 2.45

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["ipRules"] ??= new JsonArray();
        properties["documentEndpoint"] ??= $"https://{stored.Body["name"]}.documents.azure.com:443/";
        return body;
    }

    protected override IResult? GetAsync(ArmRequestContext ctx) =>
        ctx.Store.Get(ctx.ResourceId) is { } stored ? Respond(200, stored) : NotFound(ctx);

    protected override IResult? ListAsync(ArmRequestContext ctx) =>
        EmulatorResult.Json(200, new JsonObject
        {
            ["value"] = new JsonArray(ctx.Store.List(ctx.Path.Owner, ResourceType).Select(r => (JsonNode)Present(r)).ToArray()),
        });

    protected override async Task<IResult?> PatchAsync(ArmRequestContext ctx)
    {
        var patch = await ctx.ReadJsonAsync() ?? new JsonObject();
        var current = ctx.Store.Get(ctx.ResourceId);
        if (current is null)
        {
            return NotFound(ctx);
        }
        return Validate(ctx, patch) ?? LongRunningPatch(ctx, current, patch, runningStatus: "Dequeued");
    }

    protected override EmulatorResult? Validate(ArmRequestContext ctx, JsonObject patch)
    {
        var properties = patch["properties"];
        if (properties?["publicNetworkAccess"] is { } access && !JsonText.IsOneOf(access, "Enabled", "Disabled", "SecuredByPerimeter"))
        {
            return Error($"Invalid value '{access.ToJsonString()}' for publicNetworkAccess.");
        }
        if (properties?["networkAclBypass"] is { } bypass && !JsonText.IsOneOf(bypass, "None", "AzureServices"))
        {
            return Error($"Invalid value '{bypass.ToJsonString()}' for networkAclBypass.");
        }
        if (JsonText.Items(properties, "ipRules") is not { } rules)
        {
            return Error("ipRules must be an array of IpAddressOrRange objects.");
        }
        foreach (var rule in rules)
        {
            var text = JsonText.Of(rule?["ipAddressOrRange"]);
            if (Ipv4Block.Parse(text) is not { } block)
            {
                return Error($"Supplied IpAddressOrRange '{text}' is not a valid IPv4 address or CIDR range.");
            }
            if (block.IsPrivate || block.IsWithin(Ipv4Block.SharedAddressSpace))
            {
                return Error($"Supplied IpAddressOrRange '{text}' is not publicly routable.");
            }
        }
        return null;
    }

    private static EmulatorResult Error(string message) =>
        EmulatorResult.Json(400, new JsonObject { ["code"] = "BadRequest", ["message"] = message });

    private static EmulatorResult NotFound(ArmRequestContext ctx) =>
        EmulatorResult.Json(404, new JsonObject
        {
            ["code"] = "NotFound",
            ["message"] = $"Database account '{ctx.Path.Name}' not found under resource group '{ctx.Path.ResourceGroup}'.",
        });
}

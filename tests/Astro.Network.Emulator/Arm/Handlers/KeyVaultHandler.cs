using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.KeyVault/vaults (keyvault.json 2023-07-01): GET, list by group and subscription, synchronous PATCH (200) and
/// PUT onto an existing vault (200).
/// networkAcls is replaced as one unit; each ipRules value must be an IPv4 address or CIDR block and a bare address
/// is stored as "a.b.c.d/32" (example createVaultWithNetworkAcls.json).
/// </summary>
public sealed class KeyVaultHandler : PatchableResourceHandler
{
    public override string ResourceType => "Microsoft.KeyVault/vaults";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2023-07-01", "2022-07-01"]; // 2022-07-01: the Azure CLI 2.45

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        // Live reads show publicNetworkAccess Enabled on a vault created without it (keyvault/test_keyvault_private_endpoint_connection.yaml · 15, 21).
        properties["publicNetworkAccess"] ??= "Enabled";
        properties["vaultUri"] ??= $"https://{stored.Body["name"]}.vault.azure.net/";
        return body;
    }

    /// <summary>
    /// The Azure CLI changes networkAcls by GET and PUT of the whole vault, answered 200 (recording
    /// keyvault/test_keyvault_network_rule.yaml, interactions 59-75).
    /// </summary>
    protected override Task<IResult?> PutAsync(ArmRequestContext ctx) => UpdateByPutAsync(ctx);

    protected override EmulatorResult? Validate(ArmRequestContext ctx, JsonObject patch)
    {
        var properties = patch["properties"];
        if (properties?["sku"] is { } sku && (!JsonText.IsOneOf(sku["name"], "standard", "premium") || !JsonText.IsOneOf(sku["family"], "A")))
        {
            return BadRequest("The property 'sku' is invalid: 'name' must be 'standard' or 'premium' and 'family' must be 'A'.");
        }
        if (properties?["networkAcls"] is not { } node)
        {
            return null;
        }
        if (node is not JsonObject acls)
        {
            return BadRequest("The property 'networkAcls' must be an object.");
        }
        if (acls["bypass"] is { } bypass && !JsonText.IsOneOf(bypass, "AzureServices", "None"))
        {
            return BadRequest($"Invalid value '{bypass.ToJsonString()}' for networkAcls.bypass. Allowed values are 'AzureServices' and 'None'.");
        }
        if (acls["defaultAction"] is { } action && !JsonText.IsOneOf(action, "Allow", "Deny"))
        {
            return BadRequest($"Invalid value '{action.ToJsonString()}' for networkAcls.defaultAction. Allowed values are 'Allow' and 'Deny'.");
        }
        if (JsonText.Items(acls, "ipRules") is not { } rules)
        {
            return BadRequest("The property 'networkAcls.ipRules' must be an array.");
        }
        foreach (var rule in rules)
        {
            if (Ipv4Block.Parse(JsonText.Of(rule?["value"])) is null)
            {
                return BadRequest($"Invalid IP address or range '{JsonText.Of(rule?["value"])}' in networkAcls.ipRules. Specify an IPv4 address or an IPv4 range in CIDR notation.");
            }
        }
        return JsonText.Items(acls, "virtualNetworkRules") is { } vnets && vnets.All(v => v?["id"] is JsonValue)
            ? null
            : BadRequest("Each networkAcls.virtualNetworkRules item requires an 'id'.");
    }

    protected override void ApplyPatch(JsonObject body, JsonObject patch)
    {
        base.ApplyPatch(body, patch);
        ReplaceNetworkAcls(body, patch, DefaultAcls(), rule =>
        {
            rule["value"] = Ipv4Block.Parse(JsonText.Of(rule["value"]))!.Value.ToCidr();
            return rule;
        });
    }

    private static JsonObject DefaultAcls() => new()
    {
        ["bypass"] = "AzureServices",
        ["defaultAction"] = "Allow",
        ["ipRules"] = new JsonArray(),
        ["virtualNetworkRules"] = new JsonArray(),
    };

    private static EmulatorResult BadRequest(string message) => ArmErrors.Error(400, "BadRequest", message);
}

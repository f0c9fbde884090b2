using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Cache/redis (redis.json 2024-03-01): GET and list by group and subscription; the firewall lives in the
/// firewallRules children. publicNetworkAccess defaults to Enabled, as the spec says.
/// </summary>
public sealed class RedisCacheHandler : ArmResourceHandler
{
    public override string ResourceType => "Microsoft.Cache/redis";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-03-01"];

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["sku"] ??= new JsonObject { ["name"] = "Standard", ["family"] = "C", ["capacity"] = 1 };
        properties["publicNetworkAccess"] ??= "Enabled";
        properties["hostName"] ??= $"{stored.Body["name"]}.redis.cache.windows.net";
        properties["port"] ??= 6379;
        properties["sslPort"] ??= 6380;
        return body;
    }
}

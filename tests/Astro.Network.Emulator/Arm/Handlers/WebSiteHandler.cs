using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Web/sites (WebApps.json, 2023-12-01): web apps and function apps (kind "functionapp[,linux]"), GET and list
/// only. Access restrictions live in the config/web child (<see cref="WebSiteConfigHandler"/>).
/// </summary>
public sealed class WebSiteHandler : ArmResourceHandler
{
    public override string ResourceType => "Microsoft.Web/sites";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2023-12-01", "2022-03-01"]; // 2022-03-01: the Azure CLI 2.45

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        var name = (string?)body["name"];
        body["kind"] ??= "app";
        var properties = Properties(body);
        properties["state"] ??= "Running";
        properties["enabled"] ??= true;
        properties["defaultHostName"] ??= $"{name}.azurewebsites.net";
        properties["hostNames"] ??= new JsonArray($"{name}.azurewebsites.net");
        properties["httpsOnly"] ??= true;
        properties["publicNetworkAccess"] ??= "Enabled";
        return body;
    }
}

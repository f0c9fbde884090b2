using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>Microsoft.Sql/servers (Servers.json 2021-11-01): GET and list by group and subscription; the firewall lives in the rules.</summary>
public sealed class SqlServerHandler : ArmResourceHandler
{
    public override string ResourceType => "Microsoft.Sql/servers";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2021-11-01", "2020-11-01-preview"]; // 2020-11-01-preview: the Azure CLI 2.45

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["kind"] ??= "v12.0";
        var properties = Properties(body);
        properties["state"] ??= "Ready";
        properties["fullyQualifiedDomainName"] ??= $"{stored.Body["name"]}.database.windows.net";
        return body;
    }
}

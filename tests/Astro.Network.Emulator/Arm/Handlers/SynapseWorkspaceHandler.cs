using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Synapse/workspaces (workspace.json 2021-06-01): GET and list by group and subscription; the firewall lives in
/// the firewallRules children. publicNetworkAccess defaults to Enabled (the spec's default).
/// </summary>
public sealed class SynapseWorkspaceHandler : ArmResourceHandler
{
    public override string ResourceType => "Microsoft.Synapse/workspaces";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2021-06-01"];

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["tags"] ??= new JsonObject();
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["publicNetworkAccess"] ??= "Enabled";
        properties["connectivityEndpoints"] ??= new JsonObject
        {
            ["sql"] = $"{stored.Body["name"]}.sql.azuresynapse.net",
            ["dev"] = $"https://{stored.Body["name"]}.dev.azuresynapse.net",
        };
        return body;
    }
}

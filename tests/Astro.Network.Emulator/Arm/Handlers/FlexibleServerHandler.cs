using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// PostgreSQL and MySQL flexible servers at their firewall rules' api-version: GET and list by group and subscription.
/// The server swaggers are not among the saved specs, so the shape follows the services' documented output.
/// </summary>
public sealed class FlexibleServerHandler(string resourceType, string apiVersion, string hostSuffix) : ArmResourceHandler
{
    public static FlexibleServerHandler PostgreSql() => new("Microsoft.DBforPostgreSQL/flexibleServers", "2022-12-01", "postgres.database.azure.com");

    public static FlexibleServerHandler MySql() => new("Microsoft.DBforMySQL/flexibleServers", "2023-12-30", "mysql.database.azure.com");

    public override string ResourceType => resourceType;
    public override IReadOnlyCollection<string> ApiVersions { get; } = [apiVersion];

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        var properties = Properties(body);
        properties["state"] ??= "Ready";
        properties["fullyQualifiedDomainName"] ??= $"{stored.Body["name"]}.{hostSuffix}";
        return body;
    }
}

using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Astro
{
    /// <summary>Maps Astro API v1 JSON (field names per the v1 schema) to the module's models.</summary>
    internal static class AstroJson
    {
        public static AstroCluster ToCluster(JsonObject o) => new AstroCluster
        {
            Id = Text(o, "id") ?? "",
            Name = Text(o, "name") ?? "",
            OrganizationId = Text(o, "organizationId") ?? "",
            CloudProvider = Text(o, "cloudProvider"),
            Region = Text(o, "region"),
            Type = Text(o, "type"),
            Status = Text(o, "status"),
            VpcSubnetRange = Text(o, "vpcSubnetRange"),
            ExternalIps = Strings(o["metadata"] as JsonObject, "externalIPs"),
            OidcIssuerUrl = Text(o["metadata"] as JsonObject, "oidcIssuerUrl"),
            TenantId = Text(o, "tenantId"),
            WorkspaceIds = Strings(o, "workspaceIds"),
            CreatedAt = Date(o, "createdAt"),
            UpdatedAt = Date(o, "updatedAt"),
        };

        public static AstroDeployment ToDeployment(JsonObject o) => new AstroDeployment
        {
            Id = Text(o, "id") ?? "",
            Name = Text(o, "name") ?? "",
            OrganizationId = Text(o, "organizationId") ?? "",
            WorkspaceId = Text(o, "workspaceId"),
            WorkspaceName = Text(o, "workspaceName"),
            ClusterId = Text(o, "clusterId"),
            ClusterName = Text(o, "clusterName"),
            Type = Text(o, "type"),
            CloudProvider = Text(o, "cloudProvider"),
            Region = Text(o, "region"),
            Namespace = Text(o, "namespace"),
            Status = Text(o, "status"),
            AirflowVersion = Text(o, "airflowVersion"),
            AstroRuntimeVersion = Text(o, "astroRuntimeVersion"),
            ExternalIps = Strings(o, "externalIPs"),
            OidcIssuerUrl = Text(o, "oidcIssuerUrl"),
            DrExternalIps = Strings(o, "drExternalIPs"),
            DrOidcIssuerUrl = Text(o, "drOidcIssuerUrl"),
            WebServerUrl = Text(o, "webServerUrl"),
            CreatedAt = Date(o, "createdAt"),
        };

        private static string? Text(JsonObject? o, string name) =>
            o?[name] is JsonValue v && v.TryGetValue(out string? s) && !string.IsNullOrEmpty(s) ? s : null;

        private static string[] Strings(JsonObject? o, string name) =>
            o?[name] is JsonArray a
                ? a.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToArray()
                : Array.Empty<string>();

        private static DateTimeOffset? Date(JsonObject o, string name) =>
            DateTimeOffset.TryParse(Text(o, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : (DateTimeOffset?)null;
    }
}

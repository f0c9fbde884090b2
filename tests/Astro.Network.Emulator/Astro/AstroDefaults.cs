using System.Text.Json.Nodes;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Astro;

/// <summary>Fills the fields Astro API v1 always returns (schema-v1 "required") that a scenario left out.</summary>
internal static class AstroDefaults
{
    private const string Epoch = "2025-01-15T10:00:00Z";

    public static void Complete(AstroOrganization org)
    {
        foreach (var cluster in org.Clusters.Concat(org.StandardClusters))
        {
            CompleteCluster(cluster, org.Id);
        }
        foreach (var deployment in org.Deployments)
        {
            CompleteDeployment(deployment, org);
        }
    }

    private static void CompleteCluster(JsonObject c, string orgId)
    {
        var id = Text(c, "id") ?? throw new InvalidDataException("Every Astro cluster in the scenario needs an id.");
        c["name"] ??= id;
        c["organizationId"] ??= orgId;
        c["cloudProvider"] ??= "AZURE";
        c["region"] ??= "eastus2";
        c["type"] ??= "DEDICATED";
        c["status"] ??= "CREATED";
        c["vpcSubnetRange"] ??= "172.20.0.0/19";
        c["dbInstanceType"] ??= Text(c, "cloudProvider") == "AWS" ? "db.t3.medium" : "Standard_D2ds_v4";
        c["createdAt"] ??= Epoch;
        c["updatedAt"] ??= Epoch;
        c["isDrEnabled"] ??= false;
        c["drRegion"] ??= "";
    }

    private static void CompleteDeployment(JsonObject d, AstroOrganization org)
    {
        var id = Text(d, "id") ?? throw new InvalidDataException("Every Astro deployment in the scenario needs an id.");
        var name = Text(d, "name") ?? id;
        d["name"] = name;
        d["organizationId"] ??= org.Id;
        d["workspaceId"] ??= "cm0workspace0000000000000";
        d["namespace"] ??= $"{name}-{(uint)StableHash(id) % 10000:D4}";
        d["status"] ??= "HEALTHY";
        d["airflowVersion"] ??= "2.10.5";
        d["astroRuntimeVersion"] ??= "12.9.0";
        d["runtimeVersion"] ??= Text(d, "astroRuntimeVersion");
        d["imageRepository"] ??= "images.astronomer.cloud/baseimages/astro-runtime";
        d["imageTag"] ??= Text(d, "astroRuntimeVersion");
        d["isCicdEnforced"] ??= false;
        d["isDagDeployEnabled"] ??= true;
        d["schedulerCpu"] ??= "1";
        d["schedulerMemory"] ??= "2Gi";
        d["schedulerReplicas"] ??= 1;
        d["webServerCpu"] ??= "0.5";
        d["webServerMemory"] ??= "1Gi";
        var host = $"{org.Name.ToLowerInvariant().Replace(' ', '-')}.astronomer.run/d{id[^7..]}";
        d["webServerIngressHostname"] ??= host;
        d["webServerUrl"] ??= host;
        d["webServerAirflowApiUrl"] ??= host + "/api/v1";
        d["apiUrl"] ??= "https://" + host + "/api/v2";
        d["uiUrl"] ??= "https://" + host;
        d["createdAt"] ??= Epoch;
        d["updatedAt"] ??= Epoch;
        d["createdBy"] ??= new JsonObject { ["id"] = "cm0user00000000000000000a", ["subjectType"] = "USER", ["username"] = "admin@example.com" };
        d["updatedBy"] ??= d["createdBy"]!.DeepClone();
        // Dedicated/hybrid deployments name their cluster; the emulator mirrors it when the scenario did not.
        if (Text(d, "clusterId") is { } clusterId && d["clusterName"] is null
            && org.Clusters.FirstOrDefault(c => Text(c, "id") == clusterId) is { } cluster)
        {
            d["clusterName"] = Text(cluster, "name");
        }
    }

    public static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int StableHash(string s) => s.Aggregate(17, (h, ch) => unchecked(h * 31 + ch));
}

using System.Text.Json.Nodes;

namespace Astro.Network.Tests.Engine;

/// <summary>Ids and secrets of the emulator's "test" scenario, read from the scenario file so tests never hard-code them.</summary>
internal static class EmulatorScenario
{
    private static readonly Lazy<JsonObject> Root = new(() => (JsonObject)JsonNode.Parse(File.ReadAllText(Find()))!);

    public static JsonObject Organization(string id) =>
        Root.Value["astro"]!["organizations"]!.AsArray().OfType<JsonObject>().Single(o => (string?)o["id"] == id);

    public static IReadOnlyList<JsonObject> Deployments(string org) => Organization(org)["deployments"]!.AsArray().OfType<JsonObject>().ToList();

    public static IReadOnlyList<JsonObject> Clusters(string org) => Organization(org)["clusters"]!.AsArray().OfType<JsonObject>().ToList();

    public static JsonObject Deployment(string org, string name) => Deployments(org).Single(d => (string?)d["name"] == name);

    public static JsonObject Tenant => Root.Value["azure"]!["tenants"]!.AsArray().OfType<JsonObject>().First(t => t["apps"] is JsonArray { Count: > 0 });

    public static JsonObject App => Tenant["apps"]!.AsArray().OfType<JsonObject>().First(a => a["secret"] is JsonValue);

    public static JsonObject ManagedIdentity => (JsonObject)Root.Value["azure"]!["managedIdentity"]!;

    public static IReadOnlyList<JsonObject> Subscriptions => Root.Value["azure"]!["subscriptions"]!.AsArray().OfType<JsonObject>().ToList();

    /// <summary>The properties of the seeded resource whose id ends with <paramref name="idSuffix"/>.</summary>
    public static JsonObject ResourceProperties(string idSuffix) => (JsonObject)Root.Value["azure"]!["resources"]!.AsArray().OfType<JsonObject>()
        .Single(r => ((string)r["id"]!).EndsWith(idSuffix, StringComparison.OrdinalIgnoreCase))["body"]!["properties"]!;

    /// <summary>The seeded virtual network's resource id.</summary>
    public static string VirtualNetworkId => Root.Value["azure"]!["resources"]!.AsArray().OfType<JsonObject>()
        .Select(r => (string)r["id"]!).First(id => id.Contains("/Microsoft.Network/virtualNetworks/", StringComparison.OrdinalIgnoreCase) && id.Count(c => c == '/') == 8);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Astro.Network.Emulator", "Scenarios", "test.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("The emulator's Scenarios/test.json was not found above " + AppContext.BaseDirectory);
    }
}

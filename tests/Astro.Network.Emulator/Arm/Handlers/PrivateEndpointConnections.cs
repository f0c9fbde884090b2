using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Private endpoint connections where the profile keeps them: inside the parent's properties.privateEndpointConnections
/// (so the parent's GET lists them with no second copy to keep in sync), or as child resources where the parent's schema
/// has no such property. Callers always see the whole connection ({id, name, type, [etag,] properties}).
/// </summary>
public static class PrivateEndpointConnections
{
    public static IReadOnlyList<JsonObject> List(ArmResourceStore store, PrivateEndpointConnectionProfile profile, string parentId)
    {
        if (profile.Embedding == ConnectionEmbedding.None)
        {
            return store.List(parentId, profile.ResourceType).Select(r => Whole(profile, r.Body)).ToList();
        }
        return Embedded(store.Get(parentId)?.Body).Select(item => Whole(profile, item)).ToList();
    }

    public static JsonObject? Find(ArmResourceStore store, PrivateEndpointConnectionProfile profile, string parentId, string name) =>
        List(store, profile, parentId).FirstOrDefault(c => string.Equals((string?)c["name"], name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Atomically replaces one connection: <paramref name="change"/> gets the current one (null when absent) and returns the
    /// new one (null removes it). A changed connection gets a new etag where the type has one. False when the parent is gone.
    /// </summary>
    public static bool Update(ArmResourceStore store, PrivateEndpointConnectionProfile profile, string parentId, string name,
        Func<JsonObject?, JsonObject?> change)
    {
        var id = $"{parentId.TrimEnd('/')}/privateEndpointConnections/{name}";
        if (profile.Embedding == ConnectionEmbedding.None)
        {
            var current = store.Get(id);
            var next = change(current is null ? null : Whole(profile, current.Body));
            if (next is null)
            {
                store.Delete(id);
            }
            else
            {
                store.Put(id, Whole(profile, Stamp(profile, next)));
            }
            return store.Get(parentId) is not null;
        }
        var (outcome, _) = store.Update(parentId, parent =>
        {
            var properties = parent["properties"] as JsonObject ?? new JsonObject();
            parent["properties"] = properties;
            var items = Embedded(parent).ToList();
            var index = items.FindIndex(i => string.Equals(NameOf(i), name, StringComparison.OrdinalIgnoreCase));
            var next = change(index < 0 ? null : Whole(profile, items[index]));
            if (next is null && index >= 0)
            {
                items.RemoveAt(index);
            }
            else if (next is not null)
            {
                var item = AsEmbedded(profile, Whole(profile, Stamp(profile, next)));
                if (index < 0)
                {
                    items.Add(item);
                }
                else
                {
                    items[index] = item;
                }
            }
            properties["privateEndpointConnections"] = new JsonArray(items.Select(i => (JsonNode)i.DeepClone()).ToArray());
        });
        return outcome != StoreOutcome.NotFound;
    }

    /// <summary>The connection with id, name and type as the child API returns it.</summary>
    private static JsonObject Whole(PrivateEndpointConnectionProfile profile, JsonObject item)
    {
        var whole = new JsonObject
        {
            ["id"] = (string?)item["id"],
            ["name"] = NameOf(item),
            ["type"] = profile.ResourceType,
        };
        if (profile.HasETag && item["etag"] is { } etag)
        {
            whole["etag"] = etag.DeepClone();
        }
        whole["properties"] = item["properties"]?.DeepClone() ?? new JsonObject();
        return whole;
    }

    /// <summary>The item as the parent's schema lists it (SQL and Key Vault list {id, [etag,] properties}).</summary>
    private static JsonObject AsEmbedded(PrivateEndpointConnectionProfile profile, JsonObject whole)
    {
        var item = whole;
        if (profile.Embedding == ConnectionEmbedding.IdAndProperties)
        {
            item.Remove("name");
            item.Remove("type");
        }
        return item;
    }

    private static JsonObject Stamp(PrivateEndpointConnectionProfile profile, JsonObject connection)
    {
        if (profile.HasETag)
        {
            connection["etag"] = $"W/\"{Guid.NewGuid()}\"";
        }
        return connection;
    }

    private static IEnumerable<JsonObject> Embedded(JsonObject? parent) =>
        (parent?["properties"]?["privateEndpointConnections"] as JsonArray ?? []).OfType<JsonObject>().Select(i => (JsonObject)i.DeepClone());

    private static string? NameOf(JsonObject item) => ((string?)item["id"])?.Split('/')[^1];
}

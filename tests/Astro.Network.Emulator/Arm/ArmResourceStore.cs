using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm;

/// <summary>A stored resource: a private copy of its JSON body and its current ETag.</summary>
public sealed record StoredResource(string Id, JsonObject Body, string ETag);

public enum StoreOutcome { Created, Updated, Deleted, NotFound, PreconditionFailed }

/// <summary>Thread-safe ARM resource bodies keyed by case-insensitive resource ID; every write makes a new ETag.</summary>
public sealed class ArmResourceStore
{
    private readonly object _sync = new();
    private readonly Dictionary<string, StoredResource> _items = new(StringComparer.OrdinalIgnoreCase);

    // IDs per resource type, rebuilt after a write changes the set of IDs: RBAC reads the role assignments on every
    // request, and a generated tenant of 10,000 resources must not be scanned each time.
    private readonly Dictionary<string, List<string>> _idsByType = new(StringComparer.OrdinalIgnoreCase);
    private long _version;
    private long _indexedVersion = -1;

    public StoredResource? Get(string id)
    {
        lock (_sync)
        {
            return _items.TryGetValue(Normalize(id), out var r) ? Copy(r) : null;
        }
    }

    /// <summary>Creates or replaces. <paramref name="ifMatch"/> "*" means "must exist"; <paramref name="ifNoneMatch"/> "*" means "must not".</summary>
    public (StoreOutcome Outcome, StoredResource? Resource) Put(string id, JsonObject body, string? ifMatch = null, string? ifNoneMatch = null)
    {
        lock (_sync)
        {
            var key = Normalize(id);
            _items.TryGetValue(key, out var current);
            if (!Matches(current, ifMatch) || (ifNoneMatch == "*" && current is not null))
            {
                return (StoreOutcome.PreconditionFailed, current is null ? null : Copy(current));
            }
            var stored = new StoredResource(current?.Id ?? key, (JsonObject)body.DeepClone(), NewETag());
            _items[key] = stored;
            _version += current is null ? 1 : 0;
            return (current is null ? StoreOutcome.Created : StoreOutcome.Updated, Copy(stored));
        }
    }

    /// <summary>Read-modify-write under the store lock, so concurrent updaters cannot lose each other's changes.</summary>
    public (StoreOutcome Outcome, StoredResource? Resource) Update(string id, Action<JsonObject> change, string? ifMatch = null)
    {
        lock (_sync)
        {
            var key = Normalize(id);
            if (!_items.TryGetValue(key, out var current))
            {
                return (ifMatch is null ? StoreOutcome.NotFound : StoreOutcome.PreconditionFailed, null);
            }
            if (!Matches(current, ifMatch))
            {
                return (StoreOutcome.PreconditionFailed, Copy(current));
            }
            var body = (JsonObject)current.Body.DeepClone();
            change(body);
            var stored = current with { Body = body, ETag = NewETag() };
            _items[key] = stored;
            return (StoreOutcome.Updated, Copy(stored));
        }
    }

    public StoreOutcome Delete(string id, string? ifMatch = null)
    {
        lock (_sync)
        {
            var key = Normalize(id);
            if (!_items.TryGetValue(key, out var current))
            {
                return ifMatch is null ? StoreOutcome.NotFound : StoreOutcome.PreconditionFailed;
            }
            if (!Matches(current, ifMatch))
            {
                return StoreOutcome.PreconditionFailed;
            }
            // Child resources go with their parent, as in ARM.
            foreach (var child in _items.Keys.Where(k => k.StartsWith(key + "/", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                _items.Remove(child);
            }
            _items.Remove(key);
            _version++;
            return StoreOutcome.Deleted;
        }
    }

    /// <summary>Resources of <paramref name="resourceType"/> whose ID starts with <paramref name="scope"/>, ordered by ID.</summary>
    public IReadOnlyList<StoredResource> List(string scope, string resourceType)
    {
        var prefix = Normalize(scope) + "/";
        lock (_sync)
        {
            return _items.Values
                .Where(r => r.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(ArmPath.TypeOf(r.Id), resourceType, StringComparison.OrdinalIgnoreCase))
                .OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase)
                .Select(Copy)
                .ToList();
        }
    }

    /// <summary>Every resource of <paramref name="resourceType"/> (any scope), ordered by ID.</summary>
    public IReadOnlyList<StoredResource> OfType(string resourceType)
    {
        lock (_sync)
        {
            if (_indexedVersion != _version)
            {
                _idsByType.Clear();
                foreach (var id in _items.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase))
                {
                    var type = ArmPath.TypeOf(id) ?? "";
                    if (!_idsByType.TryGetValue(type, out var ids)) _idsByType[type] = ids = [];
                    ids.Add(id);
                }
                _indexedVersion = _version;
            }
            return _idsByType.TryGetValue(resourceType, out var found) ? found.Select(id => Copy(_items[id])).ToList() : [];
        }
    }

    public IReadOnlyList<StoredResource> All()
    {
        lock (_sync)
        {
            return _items.Values.OrderBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Select(Copy).ToList();
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _items.Clear();
            _version++;
        }
    }

    private static bool Matches(StoredResource? current, string? ifMatch) =>
        ifMatch is null || (current is not null && (ifMatch == "*" || ifMatch == current.ETag));

    private static string NewETag() => $"W/\"{Guid.NewGuid()}\"";

    private static string Normalize(string id) => id.TrimEnd('/');

    private static StoredResource Copy(StoredResource r) => r with { Body = (JsonObject)r.Body.DeepClone() };
}

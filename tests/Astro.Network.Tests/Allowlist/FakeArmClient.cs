using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Tests.Allowlist;

/// <summary>
/// In-memory test double of <see cref="IArmJsonClient"/> for unit tests: stores JSON documents by path, applies
/// PATCH as JSON merge-patch (arrays replaced) and PUT as replacement, lists direct children, and records every
/// call. NSG security rules are mirrored into the group's securityRules array as ARM does. End-to-end behaviour
/// is tested against the emulator elsewhere.
/// </summary>
internal sealed class FakeArmClient : IArmJsonClient
{
    private readonly Dictionary<string, JsonObject> _docs = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _etags = new(StringComparer.OrdinalIgnoreCase);
    private int _etagCounter;

    public List<Call> Calls { get; } = new();

    /// <summary>Runs before each write is applied; throw from it to simulate a service error (e.g. 412).</summary>
    public Action<Call>? BeforeWrite { get; set; }

    /// <summary>Runs after each write is applied (simulates a concurrent writer).</summary>
    public Action<FakeArmClient, Call>? AfterWrite { get; set; }

    /// <summary>Gives documents ETags (header-style) that change on every write.</summary>
    public bool UseETags { get; set; }

    /// <summary>Writes to the firewalls themselves (the ownership record's tag writes are <see cref="TagWrites"/>).</summary>
    public IEnumerable<Call> Writes => Calls.Where(c => c.Method != "GET" && c.Method != "LIST" && !IsTags(c.Path));

    /// <summary>PATCHes of Microsoft.Resources/tags/default (the ownership record).</summary>
    public IEnumerable<Call> TagWrites => Calls.Where(c => c.Method == "PATCH" && IsTags(c.Path));

    private const string TagsSuffix = "/providers/Microsoft.Resources/tags/default";

    public static bool IsTags(string path) => path.EndsWith(TagsSuffix, StringComparison.OrdinalIgnoreCase);

    public void Seed(string path, JsonObject document)
    {
        _docs[path] = document;
        NewETag(path);
    }

    public JsonObject? Document(string path) => _docs.TryGetValue(path, out var doc) ? doc : null;

    public Task<ArmJsonResponse?> GetAsync(string path, string apiVersion, CancellationToken ct)
    {
        Calls.Add(new Call("GET", path, apiVersion, null, null));
        return Task.FromResult(_docs.TryGetValue(path, out var doc)
            ? new ArmJsonResponse((JsonObject)doc.DeepClone(), _etags.GetValueOrDefault(path), 200)
            : null);
    }

    public Task<IReadOnlyList<JsonObject>> ListAsync(string path, string apiVersion, CancellationToken ct)
    {
        Calls.Add(new Call("LIST", path, apiVersion, null, null));
        IReadOnlyList<JsonObject> items = _docs
            .Where(d => d.Key.StartsWith(path + "/", StringComparison.OrdinalIgnoreCase) && d.Key.IndexOf('/', path.Length + 1) < 0)
            .Select(d => (JsonObject)d.Value.DeepClone())
            .ToList();
        return Task.FromResult(items);
    }

    public Task<ArmJsonResponse> PutAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct) =>
        Write("PUT", path, apiVersion, body, ifMatch, existing =>
        {
            var doc = (JsonObject)body.DeepClone();
            doc["id"] = path;
            doc["name"] = path.Substring(path.LastIndexOf('/') + 1);
            return doc;
        });

    public Task<ArmJsonResponse> PatchAsync(string path, string apiVersion, JsonObject body, string? ifMatch, CancellationToken ct) =>
        IsTags(path) ? PatchTags(path, apiVersion, body) : Write("PATCH", path, apiVersion, body, ifMatch, existing =>
        {
            var doc = existing ?? throw NotFound(path);
            MergePatch(doc, body);
            return doc;
        });

    public Task DeleteAsync(string path, string apiVersion, CancellationToken ct)
    {
        var call = new Call("DELETE", path, apiVersion, null, null);
        Calls.Add(call);
        BeforeWrite?.Invoke(call);
        _docs.Remove(path);
        MirrorNsgRule(path, null);
        AfterWrite?.Invoke(this, call);
        return Task.CompletedTask;
    }

    private Task<ArmJsonResponse> Write(string method, string path, string apiVersion, JsonObject body, string? ifMatch, Func<JsonObject?, JsonObject> apply)
    {
        var call = new Call(method, path, apiVersion, body.ToJsonString(), ifMatch);
        Calls.Add(call);
        BeforeWrite?.Invoke(call);
        if (ifMatch != null && _etags.GetValueOrDefault(path) != ifMatch)
        {
            throw new AstroNetworkException("ArmConcurrentUpdate", FailureKind.InvalidOperation, "412 PreconditionFailed", path) { Status = 412 };
        }

        var doc = apply(_docs.GetValueOrDefault(path));
        _docs[path] = doc;
        NewETag(path);
        MirrorNsgRule(path, doc);
        AfterWrite?.Invoke(this, call);
        return Task.FromResult(new ArmJsonResponse((JsonObject)doc.DeepClone(), _etags.GetValueOrDefault(path), 200));
    }

    /// <summary>Tags Merge/Delete on the resource's own "tags", as the emulator's TagsHandler does; the resource gets a new ETag.</summary>
    private Task<ArmJsonResponse> PatchTags(string path, string apiVersion, JsonObject body)
    {
        var call = new Call("PATCH", path, apiVersion, body.ToJsonString(), null);
        Calls.Add(call);
        BeforeWrite?.Invoke(call);
        var scope = path.Substring(0, path.Length - TagsSuffix.Length);
        var doc = _docs.GetValueOrDefault(scope) ?? throw NotFound(scope);
        var tags = (JsonObject)(doc["tags"] ??= new JsonObject());
        foreach (var (name, value) in (JsonObject)body["properties"]!["tags"]!)
        {
            tags.Remove(name);
            if ((string?)body["operation"] == "Merge")
            {
                tags[name] = value?.DeepClone();
            }
        }

        NewETag(scope);
        AfterWrite?.Invoke(this, call);
        return Task.FromResult(new ArmJsonResponse(new JsonObject { ["properties"] = new JsonObject { ["tags"] = tags.DeepClone() } }, null, 200));
    }

    private void NewETag(string path)
    {
        if (UseETags)
        {
            _etags[path] = "W/\"" + (++_etagCounter) + "\"";
        }
    }

    private void MirrorNsgRule(string path, JsonObject? rule)
    {
        var marker = path.LastIndexOf("/securityRules/", StringComparison.OrdinalIgnoreCase);
        if (marker < 0 || !_docs.TryGetValue(path.Substring(0, marker), out var group))
        {
            return;
        }

        var properties = (JsonObject)(group["properties"] ??= new JsonObject());
        var rules = (JsonArray)(properties["securityRules"] ??= new JsonArray());
        var name = path.Substring(marker + "/securityRules/".Length);
        var index = rules.Select((r, i) => (r, i)).Where(x => (string?)x.r?["name"] == name).Select(x => x.i).DefaultIfEmpty(-1).First();
        if (index >= 0)
        {
            rules.RemoveAt(index);
        }

        if (rule != null)
        {
            var copy = (JsonObject)rule.DeepClone();
            if (UseETags)
            {
                copy["etag"] = _etags[path];
            }

            rules.Add(copy);
        }
    }

    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToList())
        {
            if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                MergePatch(targetObject, patchObject);
            }
            else if (value == null)
            {
                target.Remove(key);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static AstroNetworkException NotFound(string path) =>
        new("ArmResourceNotFound", FailureKind.ObjectNotFound, "404", path) { Status = 404 };

    internal sealed record Call(string Method, string Path, string ApiVersion, string? Body, string? IfMatch)
    {
        public JsonObject BodyJson => (JsonObject)JsonNode.Parse(Body!)!;
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Arm.Rbac;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Arm.ResourceGraph;

/// <summary>
/// POST /providers/Microsoft.ResourceGraph/resources (resourcegraph.json 2021-03-01 … 2024-04-01; 200, not LRO), answered
/// from the same state the ARM handlers serve, each row shaped as that type's GET presents it (type lower-cased, as the
/// spec's examples show). Only resources the caller may read, in subscriptions of its tenant (optionally the ones asked
/// for). Paging: options.$top (1–1000, default 100) and an opaque $skipToken. Per-caller quota as the service documents
/// (Microsoft Learn "Guidance for throttled requests in Azure Resource Graph": x-ms-user-quota-remaining and
/// x-ms-user-quota-resets-after on every answer; 429 once the window's quota is spent): settings.resourceGraphQuota
/// requests per settings.resourceGraphQuotaWindowMs.
/// </summary>
public static class ResourceGraphEndpoint
{
    public static readonly string[] ApiVersions = ["2024-04-01", "2022-10-01", "2021-03-01"];

    private static readonly Dictionary<string, (DateTimeOffset Start, int Used)> s_quota = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every caller's window starts afresh (a scenario load or reset is a new world).</summary>
    public static void ResetQuota()
    {
        lock (s_quota)
        {
            s_quota.Clear();
        }
    }

    public static bool Matches(string[] segments) =>
        segments.Length == 3 && segments[0].Equals("providers", StringComparison.OrdinalIgnoreCase)
        && segments[1].Equals("Microsoft.ResourceGraph", StringComparison.OrdinalIgnoreCase)
        && segments[2].Equals("resources", StringComparison.OrdinalIgnoreCase);

    public static async Task<EmulatorResult> HandleAsync(HttpContext context, EmulatorState state, EmulatorPrincipal principal, string apiVersion)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return ArmErrors.MethodNotAllowed(context.Request.Method, "Microsoft.ResourceGraph/resources");
        }
        if (!ApiVersions.Contains(apiVersion))
        {
            return ArmErrors.InvalidApiVersion(apiVersion, "Microsoft.ResourceGraph/resources", ApiVersions);
        }
        var (remaining, resetsAfter) = Spend(state, principal.ObjectId);
        if (remaining < 0)
        {
            return WithQuota(ArmErrors.Error(429, "RateLimiting", "Please provide below info when asking for support: timestamp = "
                + DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture) + ". Too many requests in the current quota window."), 0, resetsAfter)
                .WithHeader("Retry-After", Math.Max(1, (int)Math.Ceiling(resetsAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        }
        JsonObject request;
        try
        {
            request = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync()) as JsonObject ?? new JsonObject();
        }
        catch (JsonException)
        {
            return WithQuota(ArmErrors.Error(400, "BadRequest", "The request body is not valid JSON."), remaining, resetsAfter);
        }
        var query = ResourceGraphQuery.Parse((string?)request["query"], out var parseError);
        if (query is null)
        {
            return WithQuota(ArmErrors.Error(400, "InvalidQuery", parseError), remaining, resetsAfter);
        }
        var options = request["options"] as JsonObject;
        var top = options?["$top"] is JsonValue t && t.TryGetValue<int>(out var n) ? n : 100;
        if (top < 1 || top > 1000)
        {
            return WithQuota(ArmErrors.Error(400, "BadRequest", "options.$top must be between 1 and 1000."), remaining, resetsAfter);
        }
        var skip = Skip((string?)options?["$skipToken"]);
        var asked = Subscriptions(request);
        if (asked is null && ManagementGroupScope.Names(request) is { } groups)
        {
            asked = ManagementGroupScope.SubscriptionsUnder(state, principal, groups, out var unknown);
            if (unknown is not null)
            {
                return WithQuota(ManagementGroupScope.NotFound(unknown), remaining, resetsAfter);
            }
        }
        var rows = Matching(state, principal, query, asked).ToList();
        // Only the page is shaped: a generated tenant's 10,000 rows are filtered once per request, presented 1,000 at a time.
        var page = rows.Skip(skip).Take(top).Select(r => Row(r.Stored, r.Path, query.Project)).ToList();
        var body = new JsonObject
        {
            ["totalRecords"] = rows.Count,
            ["count"] = page.Count,
            ["resultTruncated"] = "false",
            ["facets"] = new JsonArray(),
            ["data"] = new JsonArray(page.ToArray<JsonNode?>()),
        };
        if (skip + page.Count < rows.Count)
        {
            body["$skipToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("offset:" + (skip + page.Count).ToString(CultureInfo.InvariantCulture)));
        }
        return WithQuota(EmulatorResult.Json(200, body), remaining, resetsAfter);
    }

    private static IEnumerable<(StoredResource Stored, ArmPath Path)> Matching(EmulatorState state, EmulatorPrincipal principal, ResourceGraphQuery query, HashSet<string>? asked)
    {
        var visible = state.Subscriptions
            .Where(s => s.TenantId.Equals(principal.TenantId, StringComparison.OrdinalIgnoreCase) && (asked == null || asked.Contains(s.SubscriptionId)))
            .Select(s => s.SubscriptionId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        IEnumerable<StoredResource> resources;
        lock (state.Sync)
        {
            resources = query.Types is null ? state.Resources.All() : query.Types.SelectMany(state.Resources.OfType).ToList();
        }
        var rows = resources
            .Select(r => (Stored: r, Path: ArmPath.Parse(r.Id)))
            .Where(r => r.Path.IsResource && !r.Path.IsCollection && r.Path.SubscriptionId != null && visible.Contains(r.Path.SubscriptionId))
            .Where(r => ArmHandlers.Find(r.Path.ResourceType) is ArmResourceHandler && (query.Types == null || query.Types.Contains(r.Path.ResourceType!)))
            .Where(r => RbacEvaluator.IsAllowed(state, principal.ObjectId, r.Path.ResourceType + "/read", r.Stored.Id));
        return query.OrderById ? rows.OrderBy(r => r.Stored.Id, StringComparer.OrdinalIgnoreCase) : rows;
    }

    private static JsonObject Row(StoredResource stored, ArmPath path, IReadOnlyList<string> project)
    {
        var presented = ((ArmResourceHandler)ArmHandlers.Find(path.ResourceType)!).Present(stored with { Body = (JsonObject)stored.Body.DeepClone() });
        var all = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["id"] = presented["id"]?.DeepClone() ?? stored.Id,
            ["name"] = path.Name,
            ["type"] = path.ResourceType!.ToLowerInvariant(),
            ["subscriptionId"] = path.SubscriptionId,
            ["resourceGroup"] = path.ResourceGroup?.ToLowerInvariant(),
            ["location"] = presented["location"]?.DeepClone(),
            ["sku"] = presented["sku"]?.DeepClone(),
            ["tags"] = presented["tags"]?.DeepClone() ?? new JsonObject(),
            ["properties"] = presented["properties"]?.DeepClone(),
            ["kind"] = presented["kind"]?.DeepClone(),
        };
        var row = new JsonObject();
        foreach (var column in project)
        {
            row[column] = all[column];
        }
        return row;
    }

    private static HashSet<string>? Subscriptions(JsonObject request) =>
        request["subscriptions"] is JsonArray list && list.Count > 0
            ? list.Select(s => (string?)s ?? "").Where(s => s.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase)
            : null;

    private static int Skip(string? token)
    {
        if (string.IsNullOrEmpty(token)) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("offset:", StringComparison.Ordinal) && int.TryParse(text[7..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    /// <summary>One request spent from the caller's window: (remaining after it, -1 when refused; time until the window resets).</summary>
    private static (int Remaining, TimeSpan ResetsAfter) Spend(EmulatorState state, string caller)
    {
        var quota = Math.Max(1, state.Settings.ResourceGraphQuota);
        var window = TimeSpan.FromMilliseconds(Math.Max(1, state.Settings.ResourceGraphQuotaWindowMs));
        var now = DateTimeOffset.UtcNow;
        lock (s_quota)
        {
            var (start, used) = s_quota.TryGetValue(caller, out var q) && now - q.Start < window ? q : (now, 0);
            var resetsAfter = start + window - now;
            if (used >= quota)
            {
                return (-1, resetsAfter);
            }
            s_quota[caller] = (start, used + 1);
            return (quota - used - 1, resetsAfter);
        }
    }

    private static EmulatorResult WithQuota(EmulatorResult result, int remaining, TimeSpan resetsAfter) =>
        result.WithHeader("x-ms-user-quota-remaining", remaining.ToString(CultureInfo.InvariantCulture))
            // Whole seconds, rounded up: a client that waits the header's value must find the window reset.
            .WithHeader("x-ms-user-quota-resets-after", TimeSpan.FromSeconds(Math.Ceiling(resetsAfter.TotalSeconds)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
}

using System.Globalization;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.State;
using Microsoft.AspNetCore.WebUtilities;

namespace Astro.Network.Emulator.Arm;

/// <summary>ARM list paging: {"value":[...],"nextLink":"...&$skiptoken=N"}; page size from the scenario settings.</summary>
public static class ArmPaging
{
    /// <param name="nextLinkRequired">The list schema marks nextLink required (Subscriptions_List does): the last page
    /// then carries an empty nextLink, which clients must read as the end.</param>
    public static EmulatorResult Page(HttpContext context, EmulatorState state, IEnumerable<JsonNode> items, bool nextLinkRequired = false)
    {
        var all = items.ToList();
        var skip = int.TryParse(context.Request.Query["$skiptoken"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var size = Math.Max(1, state.Settings.PageSize);
        var body = new JsonObject { ["value"] = new JsonArray(all.Skip(skip).Take(size).ToArray()) };
        if (skip + size < all.Count)
        {
            var query = context.Request.Query
                .Where(q => q.Key != "$skiptoken")
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
                .Append(new KeyValuePair<string, string?>("$skiptoken", (skip + size).ToString(CultureInfo.InvariantCulture)));
            body["nextLink"] = QueryHelpers.AddQueryString(new Uri(state.BaseUri, context.Request.Path.Value!.TrimStart('/')).ToString(), query);
        }
        else if (nextLinkRequired)
        {
            body["nextLink"] = "";
        }
        return EmulatorResult.Json(200, body);
    }
}

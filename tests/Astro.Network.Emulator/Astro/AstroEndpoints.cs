using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;
using Microsoft.Extensions.Primitives;

namespace Astro.Network.Emulator.Astro;

/// <summary>Astro API v1: list/get clusters and deployments of an organization (platform spec paths, v1 field names).</summary>
internal sealed class AstroEndpoints(EmulatorState state)
{
    private static readonly string[] Sorts = ["name:asc", "name:desc", "createdAt:asc", "createdAt:desc", "updatedAt:asc", "updatedAt:desc"];
    private static readonly string[] Providers = ["AWS", "AZURE", "GCP"];

    public EmulatorResult Handle(HttpContext context)
    {
        // /v1/organizations/{org}/(clusters|deployments)[/{id}]
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length is < 4 or > 5 || segments[1] != "organizations" || segments[3] is not ("clusters" or "deployments"))
        {
            return ServiceErrors.Astro(404, "The requested resource was not found.");
        }
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return ServiceErrors.Astro(405, $"Method {context.Request.Method} is not supported by this emulator for {segments[3]}.");
        }
        var orgId = segments[2];
        lock (state.Sync)
        {
            if (Authenticate(context, orgId) is { } denied)
            {
                return denied;
            }
            var org = state.Organizations.First(o => o.Id == orgId);
            var clusters = segments[3] == "clusters";
            if (segments.Length == 5)
            {
                var found = clusters
                    ? org.Clusters.Concat(org.StandardClusters).FirstOrDefault(c => AstroDefaults.Text(c, "id") == segments[4])
                    : org.Deployments.FirstOrDefault(d => AstroDefaults.Text(d, "id") == segments[4]);
                return found is null
                    ? ServiceErrors.Astro(404, $"{(clusters ? "Cluster" : "Deployment")} not found: {segments[4]}")
                    : EmulatorResult.Json(200, found.DeepClone());
            }
            return clusters ? ListClusters(context.Request.Query, org) : ListDeployments(context.Request.Query, org);
        }
    }

    private EmulatorResult? Authenticate(HttpContext context, string orgId)
    {
        var bearer = TokenIssuer.BearerOf(context);
        if (string.IsNullOrEmpty(bearer))
        {
            return ServiceErrors.Astro(401, "Unauthorized: no API token was provided.");
        }
        var owner = state.Organizations.FirstOrDefault(o => o.Tokens.Any(t => t.Value == bearer));
        var token = owner?.Tokens.First(t => t.Value == bearer);
        if (owner is null || token is null)
        {
            return ServiceErrors.Astro(401, "Unauthorized: the API token is invalid.");
        }
        if (token.Expired)
        {
            return ServiceErrors.Astro(401, "Unauthorized: the API token has expired.");
        }
        if (owner.Id != orgId)
        {
            return ServiceErrors.Astro(403, $"Forbidden: the API token has no access to organization {orgId}.");
        }
        EmulatorState.SetPrincipal(context, new EmulatorPrincipal("astro-token:" + owner.Id, owner.Id, null, "astroToken", owner.Name));
        return null;
    }

    private static EmulatorResult ListClusters(IQueryCollection query, AstroOrganization org)
    {
        if (Paging(query, maxLimit: 1000) is not { } paging)
        {
            return BadPaging(query, 1000);
        }
        var provider = query["provider"].ToString();
        if (provider.Length > 0 && !Providers.Contains(provider))
        {
            return ServiceErrors.Astro(400, $"Invalid request: provider must be one of {string.Join(", ", Providers)}.");
        }
        var names = query["names"];
        var items = org.Clusters
            .Where(c => names.Count == 0 || names.Contains(AstroDefaults.Text(c, "name")))
            .Where(c => provider.Length == 0 || AstroDefaults.Text(c, "cloudProvider") == provider);
        return Page("clusters", items, paging);
    }

    private static EmulatorResult ListDeployments(IQueryCollection query, AstroOrganization org)
    {
        if (Paging(query, maxLimit: int.MaxValue) is not { } paging)
        {
            return BadPaging(query, null);
        }
        var ids = query["deploymentIds"];
        var names = query["names"];
        var workspaces = query["workspaceIds"];
        var items = org.Deployments
            .Where(d => ids.Count == 0 || ids.Contains(AstroDefaults.Text(d, "id")))
            .Where(d => names.Count == 0 || names.Contains(AstroDefaults.Text(d, "name")))
            .Where(d => workspaces.Count == 0 || workspaces.Contains(AstroDefaults.Text(d, "workspaceId")));
        return Page("deployments", items, paging);
    }

    private sealed record PagingQuery(int Offset, int Limit, StringValues Sorts);

    private static PagingQuery? Paging(IQueryCollection query, int maxLimit)
    {
        var offset = 0;
        var limit = 20;
        if ((query.ContainsKey("offset") && (!int.TryParse(query["offset"], out offset) || offset < 0))
            || (query.ContainsKey("limit") && (!int.TryParse(query["limit"], out limit) || limit < 0 || limit > maxLimit)))
        {
            return null;
        }
        var sorts = query["sorts"];
        return sorts.All(s => Sorts.Contains(s)) ? new PagingQuery(offset, limit, sorts) : null;
    }

    private static EmulatorResult BadPaging(IQueryCollection query, int? maxLimit)
    {
        var badSort = query["sorts"].FirstOrDefault(s => !Sorts.Contains(s));
        var message = badSort is not null
            ? $"Invalid request: sorts value '{badSort}' must be one of {string.Join(", ", Sorts)}."
            : $"Invalid request: offset must be an integer >= 0 and limit an integer >= 0{(maxLimit is { } m ? $" and <= {m}" : "")}.";
        return ServiceErrors.Astro(400, message);
    }

    private static EmulatorResult Page(string key, IEnumerable<JsonObject> items, PagingQuery paging)
    {
        var ordered = items.ToList();
        // Apply sorts last-to-first with a stable sort so the first key wins.
        foreach (var sort in paging.Sorts.Reverse())
        {
            var parts = sort!.Split(':');
            ordered = parts[1] == "asc"
                ? ordered.OrderBy(i => AstroDefaults.Text(i, parts[0]), StringComparer.Ordinal).ToList()
                : ordered.OrderByDescending(i => AstroDefaults.Text(i, parts[0]), StringComparer.Ordinal).ToList();
        }
        var page = new JsonArray(ordered.Skip(paging.Offset).Take(paging.Limit).Select(i => (JsonNode)i.DeepClone()).ToArray());
        return EmulatorResult.Json(200, new JsonObject
        {
            [key] = page,
            ["limit"] = paging.Limit,
            ["offset"] = paging.Offset,
            ["totalCount"] = ordered.Count,
        });
    }
}

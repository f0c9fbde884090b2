using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Astro.Network.Emulator.Astro;
using Astro.Network.Emulator.Faults;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Control;

/// <summary>The emulator's own API under {base}_emulator/ (not recorded, not faulted, no auth: loopback test use only).</summary>
internal sealed class ControlEndpoints(EmulatorHost host)
{
    private static readonly JsonSerializerOptions Camel = new(JsonSerializerDefaults.Web);

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var route = (context.Request.Path.Value ?? "")["/_emulator/".Length..].Trim('/');
        var method = context.Request.Method;
        try
        {
            switch (method, route)
            {
                case ("POST", "reset"):
                    host.Reset();
                    return Done();
                case ("POST", "scenario"):
                    host.LoadScenario(await ReadAsync(context));
                    return Done();
                case ("GET", "requests"):
                    return EmulatorResult.Json(200, JsonSerializer.SerializeToNode(host.Requests, Camel));
                case ("DELETE", "requests"):
                    host.ClearRequests();
                    return Done();
                case ("POST", "faults"):
                    host.Faults.Add(JsonSerializer.Deserialize<FaultRule>(await ReadAsync(context), Camel)
                        ?? throw new ArgumentException("A fault body is required."));
                    return Done();
                case ("GET", "faults/stats"):
                    return EmulatorResult.Json(200, new JsonObject
                    {
                        ["injected"] = JsonSerializer.SerializeToNode(host.Faults.Injected),
                        ["activeRules"] = host.Faults.Active.Count,
                    });
                case ("DELETE", "faults"):
                    host.Faults.Clear();
                    return Done();
                case ("POST", "busy"):
                    host.Faults.Add(Busy(JsonNode.Parse(await ReadAsync(context)) as JsonObject ?? throw new ArgumentException("A JSON object body is required.")));
                    return Done();
                case ("GET", "concurrency"):
                    return EmulatorResult.Json(200, JsonSerializer.SerializeToNode(host.Concurrency.Snapshot(), Camel));
                case ("DELETE", "concurrency"):
                    host.Concurrency.Clear();
                    return Done();
                case ("GET", "state"):
                    return EmulatorResult.Json(200, Dump(host.State));
            }
            var segments = route.Split('/');
            if (method == "POST" && segments is ["astro", "clusters", var clusterId, "external-ips"])
            {
                var ips = JsonSerializer.Deserialize<string[]>(await ReadAsync(context)) ?? [];
                if (ips.Any(ip => !IPAddress.TryParse(ip, out _)))
                {
                    return Problem(400, "Every external IP must be an IP address.");
                }
                return SetExternalIps(host.State, clusterId, ips) ? Done() : Problem(404, $"No Astro cluster '{clusterId}'.");
            }
            if (segments is ["astro", "clusters", var peeringClusterId, "peerings"])
            {
                switch (method)
                {
                    case "POST":
                        var request = JsonNode.Parse(await ReadAsync(context)) as JsonObject ?? throw new ArgumentException("A JSON object body is required.");
                        return AstroPeeringControl.Create(host.State, peeringClusterId, (string?)request["virtualNetworkId"], (string?)request["name"]);
                    case "DELETE":
                        return AstroPeeringControl.Remove(host.State, peeringClusterId, context.Request.Query["virtualNetworkId"].FirstOrDefault());
                }
            }
            if (method == "POST" && segments is ["astro", "clusters", var endpointClusterId, "private-endpoints", var decision])
            {
                return RemoteExecutionControl.Decide(host.State, endpointClusterId, decision);
            }
            if (method == "POST" && route == "resources")
            {
                // A resource as a scenario seed gives it, written over any current one: the conformance suite keeps the
                // state in step with a recording's writes it does not replay (tests/Conformance/Sync.ps1).
                var seed = JsonSerializer.Deserialize<SeedResource>(await ReadAsync(context), Scenario.Options)
                    ?? throw new ArgumentException("A resource body is required.");
                host.State.PutSeed(seed);
                return Done();
            }
            if (method == "POST" && route == "tag-policies")
            {
                var policy = JsonSerializer.Deserialize<TagPolicy>(await ReadAsync(context), Scenario.Options)
                    ?? throw new ArgumentException("A policy body is required.");
                lock (host.State.Sync)
                {
                    host.State.TagPolicies.Add(policy);
                }
                return Done();
            }
            if (method == "POST" && route == "private-endpoints")
            {
                return PrivateEndpointControl.Create(host.State, await ReadAsync(context));
            }
            return Problem(404, $"No control endpoint {method} /_emulator/{route}.");
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidDataException)
        {
            return Problem(400, e.Message);
        }
    }

    /// <summary>{"resourceId","kind","count","retryAfterSeconds"}: the next writes on the resource answer as that service does when busy.</summary>
    private static FaultRule Busy(JsonObject request) => BusyAnswers.For(
        (string?)request["kind"] ?? throw new ArgumentException("kind is required: " + string.Join(", ", BusyAnswers.Kinds) + "."),
        (string?)request["resourceId"] ?? throw new ArgumentException("resourceId is required."),
        (int?)request["count"] ?? 1, (int?)request["retryAfterSeconds"]);

    /// <summary>Astronomer gives every deployment on a cluster the cluster's IPs, so both change together.</summary>
    public static bool SetExternalIps(EmulatorState state, string clusterId, IReadOnlyList<string> ips)
    {
        lock (state.Sync)
        {
            var found = false;
            foreach (var org in state.Organizations)
            {
                foreach (var cluster in org.Clusters.Concat(org.StandardClusters).Where(c => AstroDefaults.Text(c, "id") == clusterId))
                {
                    found = true;
                    var metadata = cluster["metadata"] as JsonObject ?? new JsonObject();
                    metadata["externalIPs"] = new JsonArray(ips.Select(ip => (JsonNode)ip).ToArray());
                    cluster["metadata"] = metadata;
                }
                foreach (var deployment in org.Deployments.Where(d => AstroDefaults.Text(d, "clusterId") == clusterId))
                {
                    found = true;
                    deployment["externalIPs"] = new JsonArray(ips.Select(ip => (JsonNode)ip).ToArray());
                }
            }
            return found;
        }
    }

    private static JsonObject Dump(EmulatorState state)
    {
        lock (state.Sync)
        {
            return new JsonObject
            {
                ["astro"] = new JsonArray(state.Organizations.Select(o => (JsonNode)new JsonObject
                {
                    // Tokens are secrets: the dump shows organizations without them.
                    ["id"] = o.Id, ["name"] = o.Name,
                    ["clusters"] = JsonSerializer.SerializeToNode(o.Clusters, Camel),
                    ["standardClusters"] = JsonSerializer.SerializeToNode(o.StandardClusters, Camel),
                    ["deployments"] = JsonSerializer.SerializeToNode(o.Deployments, Camel),
                }).ToArray()),
                ["subscriptions"] = JsonSerializer.SerializeToNode(state.Subscriptions, Camel),
                ["resources"] = new JsonArray(state.Resources.All()
                    .Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["etag"] = r.ETag, ["body"] = r.Body }).ToArray()),
                ["settings"] = JsonSerializer.SerializeToNode(state.Settings, Camel),
            };
        }
    }

    private static async Task<string> ReadAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted);
    }

    private static EmulatorResult Done() => EmulatorResult.Json(200, new JsonObject { ["ok"] = true });

    internal static EmulatorResult Problem(int status, string message) =>
        EmulatorResult.Json(status, new JsonObject { ["error"] = message });
}

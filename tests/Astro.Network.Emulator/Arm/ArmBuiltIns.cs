using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;
using Astro.Network.Emulator.Identity;
using Astro.Network.Emulator.State;

namespace Astro.Network.Emulator.Arm;

/// <summary>Microsoft.Resources basics: subscriptions, resource groups and resource providers.</summary>
internal static class ArmBuiltIns
{
    /// <summary>Microsoft.Resources api-versions accepted for these calls, newest first.</summary>
    public static readonly string[] ApiVersions =
    [
        "2024-11-01", "2024-07-01", "2024-03-01", "2023-07-01", "2022-12-01", "2022-09-01", "2022-01-01", "2021-04-01",
        "2021-01-01", "2020-06-01", "2020-01-01", "2019-11-01", "2019-10-01", "2019-06-01", "2018-05-01", "2016-06-01",
    ];

    /// <summary>Answers the built-in paths, or returns null when <paramref name="segments"/> is not one of them.</summary>
    public static EmulatorResult? TryHandle(string[] segments, HttpContext context, EmulatorState state, EmulatorPrincipal principal, string apiVersion)
    {
        var n = segments.Length;
        var isSubs = n >= 1 && Is(segments[0], "subscriptions");
        var kind = (isSubs, n) switch
        {
            (true, 1) => "subscriptions",
            (true, 2) => "subscription",
            (true, 3 or 4) when Is(segments[2], "resourcegroups") => "resourceGroups",
            (true, 3 or 4) when Is(segments[2], "providers") => "providers",
            (false, 1 or 2) when Is(segments[0], "providers") => "providers",
            _ => null,
        };
        if (kind is null)
        {
            return null;
        }
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            return ArmErrors.MethodNotAllowed(context.Request.Method, "Microsoft.Resources/" + kind);
        }
        if (kind != "providers" && !ApiVersions.Contains(apiVersion))
        {
            return ArmErrors.InvalidApiVersion(apiVersion, "Microsoft.Resources/" + kind, ApiVersions);
        }
        lock (state.Sync)
        {
            if (kind == "subscriptions")
            {
                return ArmPaging.Page(context, state, state.Subscriptions
                    .Where(s => s.TenantId.Equals(principal.TenantId, StringComparison.OrdinalIgnoreCase))
                    .Select(s => (JsonNode)Subscription(s)), nextLinkRequired: true);
            }
            AzureSubscription? sub = null;
            if (isSubs && CheckSubscription(segments[1], state, principal, out sub) is { } denied)
            {
                return denied;
            }
            return kind switch
            {
                "subscription" => EmulatorResult.Json(200, Subscription(sub!)),
                "resourceGroups" when n == 3 => ArmPaging.Page(context, state, sub!.ResourceGroups.Select(g => (JsonNode)ResourceGroup(sub, g))),
                "resourceGroups" => sub!.ResourceGroups.FirstOrDefault(g => Is(g.Name, segments[3])) is { } rg
                    ? EmulatorResult.Json(200, ResourceGroup(sub, rg))
                    : ArmErrors.ResourceGroupNotFound(segments[3]),
                _ => Providers(segments, context, state, sub),
            };
        }
    }

    /// <summary>404 for an unknown subscription, 401 for one in another tenant than the token's.</summary>
    public static EmulatorResult? CheckSubscription(string subscriptionId, EmulatorState state, EmulatorPrincipal principal, out AzureSubscription? subscription)
    {
        subscription = state.FindSubscription(subscriptionId);
        if (subscription is null)
        {
            return ArmErrors.SubscriptionNotFound(subscriptionId);
        }
        return subscription.TenantId.Equals(principal.TenantId, StringComparison.OrdinalIgnoreCase) ? null
            : ArmErrors.Unauthorized("InvalidAuthenticationTokenTenant",
                $"The access token is from the wrong issuer 'https://sts.windows.net/{principal.TenantId}/'. It must match the tenant 'https://sts.windows.net/{subscription.TenantId}/' associated with this subscription.");
    }

    private static EmulatorResult Providers(string[] segments, HttpContext context, EmulatorState state, AzureSubscription? sub)
    {
        var prefix = sub is null ? "" : $"/subscriptions/{sub.SubscriptionId}";
        var byNamespace = ArmHandlers.All.GroupBy(h => h.ResourceType.Split('/')[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (JsonNode)Provider(prefix, g.Key, g), StringComparer.OrdinalIgnoreCase);
        var ns = segments[^1];
        if (Is(ns, "providers"))
        {
            return ArmPaging.Page(context, state, byNamespace.Values);
        }
        return byNamespace.TryGetValue(ns, out var provider)
            ? EmulatorResult.Json(200, provider.DeepClone())
            : ArmErrors.Error(404, "InvalidResourceNamespace", $"The resource namespace '{ns}' is invalid.");
    }

    private static JsonObject Provider(string prefix, string ns, IEnumerable<IArmResourceHandler> handlers) => new()
    {
        ["id"] = $"{prefix}/providers/{ns}",
        ["namespace"] = ns,
        ["registrationState"] = "Registered",
        ["registrationPolicy"] = "RegistrationRequired",
        ["resourceTypes"] = new JsonArray(handlers.Select(h => (JsonNode)new JsonObject
        {
            ["resourceType"] = h.ResourceType[(ns.Length + 1)..],
            ["locations"] = new JsonArray(),
            ["apiVersions"] = new JsonArray(h.ApiVersions.Select(v => (JsonNode)v).ToArray()),
            ["capabilities"] = "None",
        }).ToArray()),
    };

    private static JsonObject Subscription(AzureSubscription s) => new()
    {
        ["id"] = $"/subscriptions/{s.SubscriptionId}",
        ["authorizationSource"] = "RoleBased",
        ["managedByTenants"] = new JsonArray(),
        ["subscriptionId"] = s.SubscriptionId,
        ["tenantId"] = s.TenantId,
        ["displayName"] = s.DisplayName,
        ["state"] = "Enabled",
        ["subscriptionPolicies"] = new JsonObject
        {
            ["locationPlacementId"] = "Public_2014-09-01",
            ["quotaId"] = "PayAsYouGo_2014-09-01",
            ["spendingLimit"] = "Off",
        },
    };

    private static JsonObject ResourceGroup(AzureSubscription s, AzureResourceGroup g)
    {
        var body = new JsonObject
        {
            ["id"] = $"/subscriptions/{s.SubscriptionId}/resourceGroups/{g.Name}",
            ["name"] = g.Name,
            ["type"] = "Microsoft.Resources/resourceGroups",
            ["location"] = g.Location,
            ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
        };
        if (g.Tags is not null)
        {
            body["tags"] = new JsonObject(g.Tags.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value)));
        }
        return body;
    }

    private static bool Is(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);
}

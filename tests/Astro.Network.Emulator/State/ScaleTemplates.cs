using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.State;

/// <summary>
/// Seed bodies of generated resources, one builder per supported type, shaped like the test scenario's seeds of that type
/// (which follow the recordings): the firewall in the state asked for, the rest minimal. Child resources (SQL/PostgreSQL/MySQL
/// firewall rules, Event Hubs/Service Bus rule sets, App Service site config) come with their parent.
/// </summary>
internal static class ScaleTemplates
{
    public sealed record Template(string ResourceType, string Prefix, Func<Args, IEnumerable<(string Child, JsonObject Body)>> Build);

    public sealed record Args(string Name, ScaleState State, IReadOnlyList<string> Ips, string Location)
    {
        public bool Open => State == ScaleState.Open;
        public string PublicNetworkAccess => State == ScaleState.PublicAccessDisabled ? "Disabled" : "Enabled";
        public string DefaultAction => Open ? "Allow" : "Deny";
    }

    private const string OtherIp = "198.51.100.7";

    /// <summary>Key Vault requires its tenant: the test scenario's (generated tenants live in it by default).</summary>
    private const string ScaleTenantId = "0f8fad5b-d9cb-469f-a165-70867728950e";

    public static readonly IReadOnlyList<Template> Types =
    [
        new("Microsoft.Storage/storageAccounts", "st", a => One(new JsonObject
        {
            ["kind"] = "StorageV2", ["sku"] = Sku("Standard_LRS", "Standard"),
            ["properties"] = new JsonObject
            {
                ["provisioningState"] = "Succeeded", ["primaryLocation"] = a.Location, ["publicNetworkAccess"] = a.PublicNetworkAccess,
                ["networkAcls"] = new JsonObject
                {
                    ["bypass"] = "AzureServices", ["virtualNetworkRules"] = new JsonArray(), ["defaultAction"] = a.DefaultAction,
                    ["ipRules"] = List(a.Ips, ip => new JsonObject { ["value"] = ip, ["action"] = "Allow" }),
                },
            },
        })),
        new("Microsoft.KeyVault/vaults", "kv-", a => One(new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["tenantId"] = ScaleTenantId, ["sku"] = new JsonObject { ["family"] = "A", ["name"] = "standard" }, ["accessPolicies"] = new JsonArray(),
                ["enableRbacAuthorization"] = true, ["vaultUri"] = $"https://{a.Name}.vault.azure.net/", ["provisioningState"] = "Succeeded",
                ["publicNetworkAccess"] = a.PublicNetworkAccess,
                ["networkAcls"] = new JsonObject
                {
                    ["bypass"] = "AzureServices", ["defaultAction"] = a.DefaultAction, ["virtualNetworkRules"] = new JsonArray(),
                    ["ipRules"] = List(a.Ips, ip => new JsonObject { ["value"] = ip }),
                },
            },
        })),
        new("Microsoft.Sql/servers", "sql-", a => WithFirewallRules(a, new JsonObject
        {
            ["kind"] = "v12.0",
            ["properties"] = new JsonObject
            {
                ["administratorLogin"] = "sqladmin", ["version"] = "12.0", ["state"] = "Ready",
                ["fullyQualifiedDomainName"] = $"{a.Name}.database.windows.net", ["publicNetworkAccess"] = a.PublicNetworkAccess,
            },
        })),
        new("Microsoft.DBforPostgreSQL/flexibleServers", "psql-", a => WithFirewallRules(a, new JsonObject
        {
            ["sku"] = Sku("Standard_D2ds_v4", "GeneralPurpose"),
            ["properties"] = new JsonObject
            {
                ["version"] = "15", ["state"] = "Ready", ["fullyQualifiedDomainName"] = $"{a.Name}.postgres.database.azure.com",
                ["network"] = new JsonObject { ["publicNetworkAccess"] = a.PublicNetworkAccess },
            },
        })),
        new("Microsoft.DBforMySQL/flexibleServers", "mysql-", a => WithFirewallRules(a, new JsonObject
        {
            ["sku"] = Sku("Standard_B1ms", "Burstable"),
            ["properties"] = new JsonObject
            {
                ["version"] = "8.0.21", ["state"] = "Ready", ["fullyQualifiedDomainName"] = $"{a.Name}.mysql.database.azure.com",
                ["network"] = new JsonObject { ["publicNetworkAccess"] = a.PublicNetworkAccess },
            },
        })),
        new("Microsoft.DocumentDB/databaseAccounts", "cosmos-", a => One(new JsonObject
        {
            ["kind"] = "GlobalDocumentDB",
            ["properties"] = new JsonObject
            {
                ["provisioningState"] = "Succeeded", ["databaseAccountOfferType"] = "Standard", ["publicNetworkAccess"] = a.PublicNetworkAccess,
                ["isVirtualNetworkFilterEnabled"] = false, ["virtualNetworkRules"] = new JsonArray(),
                ["ipRules"] = List(a.Ips, ip => new JsonObject { ["ipAddressOrRange"] = ip }),
                ["locations"] = new JsonArray(new JsonObject { ["locationName"] = a.Location, ["failoverPriority"] = 0 }),
            },
        })),
        new("Microsoft.ContainerRegistry/registries", "acr", a => One(new JsonObject
        {
            ["sku"] = new JsonObject { ["name"] = "Premium" },
            ["properties"] = new JsonObject
            {
                ["provisioningState"] = "Succeeded", ["publicNetworkAccess"] = a.PublicNetworkAccess, ["networkRuleBypassOptions"] = "AzureServices",
                ["networkRuleSet"] = new JsonObject
                {
                    ["defaultAction"] = a.DefaultAction,
                    ["ipRules"] = List(a.Ips, ip => new JsonObject { ["action"] = "Allow", ["value"] = ip }),
                },
            },
        })),
        new("Microsoft.EventHub/namespaces", "evhns-", a => WithRuleSet(a, "Standard")),
        new("Microsoft.ServiceBus/namespaces", "sbns-", a => WithRuleSet(a, "Premium")),
        new("Microsoft.Web/sites", "app-", a => new (string, JsonObject)[]
        {
            ("", new JsonObject
            {
                ["kind"] = "app,linux",
                ["properties"] = new JsonObject { ["state"] = "Running", ["enabled"] = true, ["httpsOnly"] = true, ["publicNetworkAccess"] = a.PublicNetworkAccess },
            }),
            ("/config/web", new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["ipSecurityRestrictions"] = List(a.Ips, (ip, i) => new JsonObject
                    {
                        ["ipAddress"] = ip.Contains('/') ? ip : ip + "/32", ["action"] = "Allow", ["tag"] = "Default", ["priority"] = 100 + i, ["name"] = $"rule-{i}",
                    }),
                    ["ipSecurityRestrictionsDefaultAction"] = a.DefaultAction, ["scmIpSecurityRestrictions"] = new JsonArray(),
                    ["scmIpSecurityRestrictionsUseMain"] = false,
                },
            }),
        }),
        new("Microsoft.ContainerService/managedClusters", "aks-", a => One(new JsonObject
        {
            ["sku"] = Sku("Base", "Free"),
            ["properties"] = new JsonObject
            {
                ["provisioningState"] = "Succeeded", ["powerState"] = new JsonObject { ["code"] = "Running" }, ["kubernetesVersion"] = "1.29.4",
                ["dnsPrefix"] = a.Name, ["enableRBAC"] = true,
                ["agentPoolProfiles"] = new JsonArray(new JsonObject { ["name"] = "system", ["count"] = 1, ["vmSize"] = "Standard_D4ds_v5", ["osType"] = "Linux", ["mode"] = "System" }),
                ["networkProfile"] = new JsonObject { ["networkPlugin"] = "azure", ["loadBalancerSku"] = "standard", ["outboundType"] = "userDefinedRouting" },
                ["apiServerAccessProfile"] = new JsonObject
                {
                    ["authorizedIPRanges"] = List(a.Ips, ip => JsonValue.Create(ip.Contains('/') ? ip : ip + "/32")),
                    ["enablePrivateCluster"] = a.State == ScaleState.PublicAccessDisabled,
                },
            },
        })),
        new("Microsoft.Network/networkSecurityGroups", "nsg-", a => One(new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["provisioningState"] = "Succeeded",
                ["securityRules"] = a.Open
                    ? new JsonArray(NsgRule("allow-https-any", ["*"], 100))
                    : List(a.Ips, (ip, i) => NsgRule($"allow-https-{i}", [ip], 100 + i)),
            },
        })),
    ];

    /// <summary>The seeds of one generated resource (and its children) under <paramref name="scope"/> ({sub}/resourceGroups/{rg}/providers/).</summary>
    public static IEnumerable<SeedResource> Seeds(Template type, string scope, string name, ScaleState state, IReadOnlyList<string> astroIps, string location)
    {
        var ips = state switch
        {
            ScaleState.RestrictedWithAstro => astroIps.Append(OtherIp).ToList(),
            ScaleState.Open => [],
            _ => new List<string> { OtherIp },
        };
        var id = $"{scope}{type.ResourceType}/{name}";
        return type.Build(new Args(name, state, ips, location)).Select(part => new SeedResource
        {
            Id = id + part.Child,
            Location = part.Child.Length == 0 ? location : null,
            Body = part.Body,
        });
    }

    private static IEnumerable<(string, JsonObject)> One(JsonObject body) => [("", body)];

    private static JsonObject Sku(string name, string tier) => new() { ["name"] = name, ["tier"] = tier };

    private static JsonArray List(IEnumerable<string> items, Func<string, JsonNode> item) => List(items, (x, _) => item(x));

    private static JsonArray List(IEnumerable<string> items, Func<string, int, JsonNode> item) => new(items.Select((x, i) => (JsonNode?)item(x, i)).ToArray());

    /// <summary>Servers whose firewall is child firewallRules: one rule per entry; open = a rule admitting every IPv4 address.</summary>
    private static IEnumerable<(string, JsonObject)> WithFirewallRules(Args a, JsonObject server)
    {
        yield return ("", server);
        var rules = a.Open ? [("all", "0.0.0.0", "255.255.255.255")] : a.Ips.Select((ip, i) => ($"rule-{i}", ip, ip)).ToList();
        foreach (var (name, start, end) in rules)
        {
            yield return ($"/firewallRules/{name}", new JsonObject { ["properties"] = new JsonObject { ["startIpAddress"] = start, ["endIpAddress"] = end } });
        }
    }

    /// <summary>Event Hubs / Service Bus: the namespace and its networkRuleSets/default (open = default action Allow).</summary>
    private static IEnumerable<(string, JsonObject)> WithRuleSet(Args a, string tier) =>
    [
        ("", new JsonObject
        {
            ["sku"] = new JsonObject { ["name"] = tier, ["tier"] = tier, ["capacity"] = 1 },
            // publicNetworkAccess lives on the rule set: the namespace schemas of the pinned versions do not all declare it (oav).
            ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded", ["status"] = "Active" },
        }),
        ("/networkRuleSets/default", new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["publicNetworkAccess"] = a.PublicNetworkAccess, ["defaultAction"] = a.DefaultAction, ["trustedServiceAccessEnabled"] = false,
                ["virtualNetworkRules"] = new JsonArray(),
                ["ipRules"] = List(a.Ips, ip => new JsonObject { ["ipMask"] = ip, ["action"] = "Allow" }),
            },
        }),
    ];

    private static JsonObject NsgRule(string name, string[] sources, int priority) => new()
    {
        ["name"] = name,
        ["properties"] = new JsonObject
        {
            ["protocol"] = "Tcp", ["sourcePortRange"] = "*", ["destinationPortRange"] = "443", ["destinationAddressPrefix"] = "*",
            ["sourceAddressPrefix"] = sources.Length == 1 ? sources[0] : null,
            ["sourceAddressPrefixes"] = new JsonArray(sources.Length == 1 ? [] : sources.Select(s => (JsonNode?)s).ToArray()),
            ["access"] = "Allow", ["priority"] = priority, ["direction"] = "Inbound",
        },
    };
}

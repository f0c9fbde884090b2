using System.Globalization;
using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.State;

/// <summary>
/// Parameters of a generated tenant (scenario <c>azure.generate</c>): <see cref="Subscriptions"/> subscriptions holding
/// <see cref="Resources"/> firewalled resources spread round-robin over the 12 supported types and the four states of
/// <see cref="ScaleState"/>, optionally under management groups, generated when the scenario loads (no giant JSON file).
/// </summary>
public sealed class GeneratedTenant
{
    public int Subscriptions { get; set; } = 3;
    public int Resources { get; set; } = 60;

    /// <summary>The tenant the subscriptions belong to (default: the scenario's first tenant).</summary>
    public string? TenantId { get; set; }
    public string Location { get; set; } = "westus2";

    /// <summary>The IPs the "restricted with Astro's IPs" resources allow (default: the test scenario's etl Deployment).</summary>
    public List<string> AstroIps { get; set; } = ["192.0.2.10", "192.0.2.11"];

    /// <summary>Principals given <see cref="RoleDefinitionGuid"/> on every generated subscription (default Reader).</summary>
    public List<string> PrincipalIds { get; set; } = [];
    public string RoleDefinitionGuid { get; set; } = "acdd72a7-3385-48ef-bd42-f606fba81ae7";

    /// <summary>Only these of the 12 types (e.g. to page Resource Graph without per-resource reads); empty = all.</summary>
    public List<string> Types { get; set; } = [];

    /// <summary>Child management groups mg-scale-01.. under mg-scale, the subscriptions spread over them; 0 = none.</summary>
    public int ManagementGroups { get; set; }

    /// <summary>Subscription n's ID: a fixed prefix and n, so scripts can name them without reading the state.</summary>
    public static string SubscriptionId(int n) => "5ca1e000-0000-4000-8000-" + n.ToString("x12", CultureInfo.InvariantCulture);

    public static string ManagementGroupName(int n) => n == 0 ? "mg-scale" : "mg-scale-" + n.ToString("d2", CultureInfo.InvariantCulture);

    /// <summary>Adds the generated subscriptions, management groups, role assignments and resources to <paramref name="azure"/>.</summary>
    public void AddTo(AzureSection azure)
    {
        var tenant = TenantId ?? azure.Tenants.FirstOrDefault()?.Id ?? "";
        if (ManagementGroups > 0)
        {
            azure.ManagementGroups.Add(new AzureManagementGroup { Name = ManagementGroupName(0), TenantId = tenant, DisplayName = "Scale root" });
        }
        for (var g = 1; g <= ManagementGroups; g++)
        {
            azure.ManagementGroups.Add(new AzureManagementGroup { Name = ManagementGroupName(g), TenantId = tenant, Parent = ManagementGroupName(0) });
        }
        for (var s = 1; s <= Subscriptions; s++)
        {
            var id = SubscriptionId(s);
            azure.Subscriptions.Add(new AzureSubscription
            {
                SubscriptionId = id, TenantId = tenant, DisplayName = $"scale-{s:d3}",
                ResourceGroups = [new AzureResourceGroup { Name = "rg-scale", Location = Location }],
            });
            if (ManagementGroups > 0)
            {
                azure.ManagementGroups[1 + (s - 1) % ManagementGroups].Subscriptions.Add(id);
            }
            foreach (var (principal, p) in PrincipalIds.Select((x, i) => (x, i)))
            {
                azure.Resources.Add(new SeedResource
                {
                    Id = $"/subscriptions/{id}/providers/Microsoft.Authorization/roleAssignments/5ca1e{p:x3}-0000-4000-8000-{s:x12}",
                    Body = new JsonObject
                    {
                        ["properties"] = new JsonObject
                        {
                            ["roleDefinitionId"] = $"/subscriptions/{id}/providers/Microsoft.Authorization/roleDefinitions/{RoleDefinitionGuid}",
                            ["principalId"] = principal,
                            ["principalType"] = "ServicePrincipal",
                        },
                    },
                });
            }
        }
        var types = ScaleTemplates.Types.Where(t => Types.Count == 0 || Types.Contains(t.ResourceType, StringComparer.OrdinalIgnoreCase)).ToList();
        for (var n = 0; n < Resources && Subscriptions > 0 && types.Count > 0; n++)
        {
            var type = types[n % types.Count];
            var state = (ScaleState)(n / types.Count % 4);
            var scope = $"/subscriptions/{SubscriptionId(1 + n % Subscriptions)}/resourceGroups/rg-scale/providers/";
            azure.Resources.AddRange(ScaleTemplates.Seeds(type, scope, $"{type.Prefix}{n:d5}", state, AstroIps, Location));
        }
    }
}

/// <summary>The firewall states a generated resource is in.</summary>
public enum ScaleState
{
    /// <summary>Firewall on, Astro's IPs among its entries (plus one other entry).</summary>
    RestrictedWithAstro,

    /// <summary>Firewall on, only another entry.</summary>
    RestrictedWithoutAstro,

    /// <summary>Every address admitted (no firewall, or a default action that allows).</summary>
    Open,

    /// <summary>Public network access disabled (private cluster for AKS; NSGs have no such switch and stay restricted without Astro).</summary>
    PublicAccessDisabled,
}

using Astro.Network.Emulator.Arm.Handlers;

namespace Astro.Network.Emulator.Arm;

/// <summary>The one list of ARM resource handlers. Add a line here for each new handler file.</summary>
public static class ArmHandlers
{
    public static IReadOnlyList<IArmResourceHandler> All { get; } =
    [
        new VirtualNetworkHandler(),
        new StorageAccountHandler(),
        new KeyVaultHandler(),
        new SqlServerHandler(),
        new SqlFirewallRuleHandler(),
        FlexibleServerHandler.PostgreSql(),
        FlexibleServerFirewallRuleHandler.PostgreSql(),
        FlexibleServerHandler.MySql(),
        FlexibleServerFirewallRuleHandler.MySql(),
        new CosmosDbAccountHandler(),
    ];

    public static IArmResourceHandler? Find(string? resourceType) =>
        resourceType is null ? null : All.FirstOrDefault(h => h.ResourceType.Equals(resourceType, StringComparison.OrdinalIgnoreCase));
}

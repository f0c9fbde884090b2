using Astro.Network.Emulator.Arm.Handlers;

namespace Astro.Network.Emulator.Arm;

/// <summary>The one list of ARM resource handlers. Add a line here for each new handler file.</summary>
public static class ArmHandlers
{
    public static IReadOnlyList<IArmResourceHandler> All { get; } =
    [
        new VirtualNetworkHandler(),
        new VirtualNetworkPeeringHandler(),
        new StorageAccountHandler(),
        new KeyVaultHandler(),
        new SqlServerHandler(),
        new SqlFirewallRuleHandler(),
        FlexibleServerHandler.PostgreSql(),
        FlexibleServerFirewallRuleHandler.PostgreSql(),
        FlexibleServerHandler.MySql(),
        FlexibleServerFirewallRuleHandler.MySql(),
        new CosmosDbAccountHandler(),
        new ContainerRegistryHandler(),
        new MessagingNamespaceHandler("Microsoft.EventHub", ["2024-01-01", "2022-01-01-preview"]),
        new NamespaceNetworkRuleSetHandler("Microsoft.EventHub", ["2024-01-01", "2022-01-01-preview"], "Enabled", "Disabled", "SecuredByPerimeter"),
        new MessagingNamespaceHandler("Microsoft.ServiceBus", ["2021-11-01", "2022-01-01-preview"]),
        new NamespaceNetworkRuleSetHandler("Microsoft.ServiceBus", ["2021-11-01", "2022-01-01-preview"], "Enabled", "Disabled"),
        new WebSiteHandler(),
        new WebSiteConfigHandler(),
        new ManagedClusterHandler(),
        new NetworkSecurityGroupHandler(),
        new SynapseWorkspaceHandler(),
        new SynapseFirewallRuleHandler(),
        new RedisCacheHandler(),
        new RedisFirewallRuleHandler(),
        EventGridResourceHandler.Topics(),
        EventGridResourceHandler.Domains(),
        new SearchServiceHandler(),
        new KustoClusterHandler(),
        new IpGroupHandler(),
        new ContainerAppHandler(),
        new SecurityRuleHandler(),
        new DefaultSecurityRuleHandler(),
        new PublicIpAddressHandler(),
        new PrivateLinkServiceHandler(),
        new PrivateEndpointHandler(),
        new NetworkInterfaceHandler(),
        new PrivateDnsZoneHandler(),
        new PrivateDnsLinkHandler(),
        .. PrivateDnsRecordSetHandler.All,
        .. PrivateEndpointConnectionHandler.All,
        new UserAssignedIdentityHandler(),
        new FederatedIdentityCredentialHandler(),
        new RoleAssignmentHandler(),
        new RoleDefinitionHandler(),
        new PermissionsHandler(),
        new TagsHandler(),
    ];

    public static IArmResourceHandler? Find(string? resourceType) =>
        resourceType is null ? null : All.FirstOrDefault(h => h.ResourceType.Equals(resourceType, StringComparison.OrdinalIgnoreCase));
}

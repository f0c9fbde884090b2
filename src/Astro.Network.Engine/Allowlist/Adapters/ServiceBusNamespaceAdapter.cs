namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>Service Bus namespaces: networkRuleSets/default, full PUT (see the shared base).</summary>
    internal sealed class ServiceBusNamespaceAdapter : NamespaceNetworkRuleSetAdapter
    {
        public ServiceBusNamespaceAdapter()
            : base("Microsoft.ServiceBus/namespaces", ApiVersions.ServiceBus)
        {
        }
    }
}

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>Event Hubs namespaces: networkRuleSets/default, full PUT (see the shared base).</summary>
    internal sealed class EventHubNamespaceAdapter : NamespaceNetworkRuleSetAdapter
    {
        public EventHubNamespaceAdapter()
            : base("Microsoft.EventHub/namespaces", ApiVersions.EventHub)
        {
        }
    }
}

namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>Event Grid topics: properties.inboundIpRules, long-running PATCH (see the shared base).</summary>
    internal sealed class EventGridTopicAdapter : EventGridInboundIpRulesAdapter
    {
        public EventGridTopicAdapter()
            : base("Microsoft.EventGrid/topics")
        {
        }
    }
}

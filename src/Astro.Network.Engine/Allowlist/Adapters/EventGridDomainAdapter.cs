namespace Astro.Network.Engine.Allowlist.Adapters
{
    /// <summary>Event Grid domains: properties.inboundIpRules, long-running PATCH (see the shared base).</summary>
    internal sealed class EventGridDomainAdapter : EventGridInboundIpRulesAdapter
    {
        public EventGridDomainAdapter()
            : base("Microsoft.EventGrid/domains")
        {
        }
    }
}

namespace Astro.Network.Engine
{
    /// <summary>Who the host session is signed in as and where (no token).</summary>
    public sealed class AzureHostContext
    {
        public string? Account { get; set; }
        public string? TenantId { get; set; }
        public string? SubscriptionId { get; set; }
        /// <summary>The host's cloud name (AzureCloud, AzureUSGovernment, AzureChinaCloud, ...).</summary>
        public string? Environment { get; set; }

        /// <summary>Identifies the context: a different value means the user switched account, tenant or subscription.</summary>
        internal string Key => string.Join("|", Environment, TenantId, SubscriptionId, Account);
    }
}

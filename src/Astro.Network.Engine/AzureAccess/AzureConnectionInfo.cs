using System;

namespace Astro.Network.Engine
{
    /// <summary>The Azure cloud, tenant, subscription and account in use. Holds no secret or token.</summary>
    public sealed class AzureConnectionInfo
    {
        public string Environment { get; internal set; } = "";
        public Uri ResourceManagerUrl { get; internal set; } = null!;
        public Uri GraphUrl { get; internal set; } = null!;
        public Uri AuthorityHost { get; internal set; } = null!;
        public string TenantId { get; internal set; } = "";
        public string? SubscriptionId { get; internal set; }
        public string? SubscriptionName { get; internal set; }
        /// <summary>UPN, app id or object id from the token's claims.</summary>
        public string Account { get; internal set; } = "";
        public string AuthMethod { get; internal set; } = "";
        /// <summary>The signed-in principal's directory object ID (token claim oid), when the token carries one.</summary>
        public string? ObjectId { get; internal set; }

        public override string ToString() =>
            $"{Account} ({AuthMethod}) in tenant {TenantId}, subscription {SubscriptionName ?? SubscriptionId ?? "(none)"} on {Environment}";
    }
}

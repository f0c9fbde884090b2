using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine.WorkloadIdentity
{
    /// <summary>A federated identity credential as ARM holds it (ManagedIdentity 2023-01-31 FederatedIdentityCredential).</summary>
    internal sealed class FederatedCredential
    {
        public FederatedCredential(string name, string issuer, string subject, IReadOnlyList<string> audiences)
        {
            Name = name;
            Issuer = issuer;
            Subject = subject;
            Audiences = audiences;
        }

        public string Name { get; }

        public string Issuer { get; }

        public string Subject { get; }

        public IReadOnlyList<string> Audiences { get; }

        public static FederatedCredential FromJson(JsonObject item)
        {
            var properties = item["properties"];
            var audiences = (properties?["audiences"] as JsonArray ?? new JsonArray()).Select(JsonNodes.Text).OfType<string>().ToList();
            return new FederatedCredential(JsonNodes.Text(item, "name") ?? "", JsonNodes.Text(properties, "issuer") ?? "", JsonNodes.Text(properties, "subject") ?? "", audiences);
        }

        public JsonObject ToBody() => new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["issuer"] = Issuer,
                ["subject"] = Subject,
                ["audiences"] = new JsonArray(Audiences.Select(a => (JsonNode)JsonValue.Create(a)!).ToArray()),
            },
        };

        /// <summary>Azure matches issuer and subject exactly (a trailing slash counts).</summary>
        public bool SameTrust(FederatedCredential other) =>
            string.Equals(Issuer, other.Issuer, StringComparison.Ordinal) && string.Equals(Subject, other.Subject, StringComparison.Ordinal);

        public bool SameAudiences(FederatedCredential other) =>
            new HashSet<string>(Audiences, StringComparer.Ordinal).SetEquals(other.Audiences);

        public bool SameName(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

        public string Describe() => $"issuer '{Issuer}', subject '{Subject}', audiences '{string.Join(", ", Audiences)}'";

        public WorkloadIdentityCredential ToOutput(string identityId, string status) => new WorkloadIdentityCredential
        {
            IdentityResourceId = identityId,
            Name = Name,
            Issuer = Issuer,
            Subject = Subject,
            Audiences = Audiences.ToArray(),
            Status = status,
        };
    }
}

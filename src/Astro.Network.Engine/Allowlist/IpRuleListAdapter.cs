using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// The shared mechanism for firewalls kept as one JSON array inside a document (Storage, Key Vault, Cosmos,
    /// ACR, Event Hubs, Service Bus, App Service, AKS). ARM replaces arrays wholesale, so every write sends the
    /// whole list: the write body keeps the first <see cref="CopyDepth"/> levels of the list's path exactly as read
    /// (e.g. the whole networkAcls object) and replaces only the array.
    /// </summary>
    internal abstract class IpRuleListAdapter : IFirewallAdapter
    {
        protected IpRuleListAdapter(string resourceType, string apiVersion, AllowlistCapabilities capabilities, string[] listPath, int copyDepth, bool writeWithPut)
        {
            ResourceType = resourceType;
            ApiVersion = apiVersion;
            Capabilities = capabilities;
            ListPath = listPath;
            CopyDepth = copyDepth;
            WriteWithPut = writeWithPut;
        }

        public string ResourceType { get; }
        public string ApiVersion { get; }
        public AllowlistCapabilities Capabilities { get; }

        /// <summary>Where the array lives in the document, e.g. properties/networkAcls/ipRules.</summary>
        protected string[] ListPath { get; }

        /// <summary>0: the whole document is sent back (full PUT); n: the node at ListPath[0..n) is copied as read.</summary>
        protected int CopyDepth { get; }

        protected bool WriteWithPut { get; }

        /// <summary>The document read and written: the resource itself unless overridden (child singletons).</summary>
        protected virtual string DocumentPath(ArmResourceId resource) => resource.Id;

        public virtual async Task<FirewallSnapshot> ReadAsync(IArmJsonClient arm, ArmResourceId resource, FirewallOptions options, CancellationToken ct)
        {
            var response = await arm.GetAsync(DocumentPath(resource), ApiVersion, ct).ConfigureAwait(false)
                ?? throw AllowlistErrors.ResourceNotFound(resource.Id);
            var list = JsonNodes.At(response.Body, ListPath);
            if (list != null && list is not JsonArray)
            {
                throw AllowlistErrors.UnexpectedShape(resource.Id, string.Join(".", ListPath) + " is not an array");
            }

            var entries = ((JsonArray?)list ?? new JsonArray())
                .Where(item => item != null && !IsSynthetic(item))
                .Select(item => ParseItem(item!))
                .ToList();
            var parent = ParentPath(resource) is string parentPath
                ? (await arm.GetAsync(parentPath, ApiVersion, ct).ConfigureAwait(false) ?? throw AllowlistErrors.ResourceNotFound(resource.Id)).Body
                : null;
            return new FirewallSnapshot(resource, entries, response.Body, response.ETag, Warnings(response.Body).ToList(), parent);
        }

        /// <summary>Default: an empty list is open where the type says so, otherwise the entries are in force.</summary>
        public virtual AccessAssessment Assess(FirewallSnapshot snapshot, IReadOnlyList<FirewallEntry> entries, AccessContext context) =>
            Capabilities.EmptyListMeansOpen && entries.Count == 0
                ? AccessAssessment.EmptyMeansOpen(snapshot.Resource, "its IP list is empty, which this service treats as no restriction.")
                : AccessAssessment.InForce(snapshot.Resource);

        public FirewallEntry CreateEntry(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options)
        {
            var item = NewItem(range, owner, siblings, options);
            var entry = ParseItem(item);
            return new FirewallEntry(entry.Value, entry.Range, entry.Covers, entry.Name, item, isNew: true, new[] { owner });
        }

        public async Task WriteAsync(IArmJsonClient arm, FirewallSnapshot before, AllowlistPlan plan, FirewallOptions options, CancellationToken ct)
        {
            var body = BuildBody(before.Document, plan.EntriesAfter);
            var path = DocumentPath(before.Resource);
            if (WriteWithPut)
            {
                await arm.PutAsync(path, ApiVersion, body, before.ETag, ct).ConfigureAwait(false);
            }
            else
            {
                await arm.PatchAsync(path, ApiVersion, body, before.ETag, ct).ConfigureAwait(false);
            }
        }

        /// <summary>The write body for a full entry list; public to tests through the adapters.</summary>
        internal JsonObject BuildBody(JsonObject document, IReadOnlyList<FirewallEntry> entries)
        {
            JsonObject body;
            if (CopyDepth == 0)
            {
                body = (JsonObject)document.DeepClone();
            }
            else
            {
                body = new JsonObject();
                var kept = JsonNodes.At(document, ListPath, CopyDepth);
                JsonNodes.Set(body, ListPath.Take(CopyDepth).ToArray(), kept?.DeepClone() ?? new JsonObject());
            }

            JsonNodes.Set(body, ListPath, new JsonArray(entries.Select(e => e.Item.DeepClone()).ToArray()));
            PrepareBody(body, document);
            return body;
        }

        /// <summary>Reads one array item as an entry (never throws on unknown shapes: such entries stay opaque).</summary>
        protected abstract FirewallEntry ParseItem(JsonNode item);

        /// <summary>The service's item shape for a new range (named types record <paramref name="owner"/> in it).</summary>
        protected abstract JsonNode NewItem(IpRange range, string owner, IReadOnlyList<FirewallEntry> siblings, FirewallOptions options);

        /// <summary>A second document the assessment needs (e.g. the namespace above a rule set, for its tier); null: none.</summary>
        protected virtual string? ParentPath(ArmResourceId resource) => null;

        /// <summary>Items the service reports but that must never be written back (App Service's implicit rule).</summary>
        protected virtual bool IsSynthetic(JsonNode item) => false;

        /// <summary>Last touches on the write body (required siblings, read-only fields).</summary>
        protected virtual void PrepareBody(JsonObject body)
        {
        }

        /// <summary>As <see cref="PrepareBody(JsonObject)"/>, for bodies that need a field of the document as read.</summary>
        protected virtual void PrepareBody(JsonObject body, JsonObject document) => PrepareBody(body);

        protected virtual IEnumerable<string> Warnings(JsonObject document) => Array.Empty<string>();

        /// <summary>Sets defaultAction to the spec default "Allow" when a rule set that requires it has none (nothing changes for the user).</summary>
        protected void EnsureDefaultAction(JsonObject body)
        {
            if (JsonNodes.At(body, ListPath, ListPath.Length - 1) is JsonObject ruleSet && ruleSet["defaultAction"] == null)
            {
                ruleSet["defaultAction"] = "Allow";
            }
        }

        /// <summary>Entry for items that hold the address in one string property.</summary>
        protected static FirewallEntry ParseValueItem(JsonNode item, string property) =>
            FirewallEntry.FromText(JsonNodes.Text(item, property), null, item);
    }
}

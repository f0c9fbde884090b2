using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>A resource's firewall as read: its entries plus what the adapter needs to write it back.</summary>
    internal sealed class FirewallSnapshot
    {
        public FirewallSnapshot(ArmResourceId resource, IReadOnlyList<FirewallEntry> entries, JsonObject document, string? etag, IReadOnlyList<string>? warnings = null,
            JsonObject? parent = null, WriteRefusal? writeRefusal = null)
        {
            Parent = parent;
            WriteRefusal = writeRefusal;
            Resource = resource;
            Entries = entries;
            Document = document;
            ETag = etag;
            Warnings = warnings ?? new string[0];
        }

        public ArmResourceId Resource { get; }
        public IReadOnlyList<FirewallEntry> Entries { get; }

        /// <summary>The document read (resource body, child body, or for NSG the group), used to rebuild the write body.</summary>
        public JsonObject Document { get; }

        /// <summary>The owning resource when the firewall is a child document (Event Hubs/Service Bus: the namespace, for its tier).</summary>
        public JsonObject? Parent { get; }

        /// <summary>ETag of the object that will be written, sent as If-Match; null where the resource has none.</summary>
        public string? ETag { get; }

        /// <summary>Facts the user should know (e.g. the firewall's default action is Allow, so entries have no effect yet).</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>The resource's tags (the namespace's where the firewall is a child document), where the ownership record lives.</summary>
        public JsonObject? Tags => (Parent ?? Document)["tags"] as JsonObject;

        public FirewallSnapshot WithEntries(IReadOnlyList<FirewallEntry> entries) =>
            new FirewallSnapshot(Resource, entries, Document, ETag, Warnings, Parent, WriteRefusal);

        /// <summary>The same read with the record's tags set to <paramref name="recordTags"/> in the document (for a whole-resource write).</summary>
        public FirewallSnapshot WithRecord(IReadOnlyDictionary<string, string> recordTags)
        {
            var document = (JsonObject)Document.DeepClone();
            var tags = document["tags"] as JsonObject ?? new JsonObject();
            foreach (var own in OwnershipRecord.OwnTags(tags).Keys.ToList())
            {
                tags.Remove(own);
            }

            foreach (var tag in recordTags)
            {
                tags[tag.Key] = tag.Value;
            }

            document["tags"] = tags;
            return new FirewallSnapshot(Resource, Entries, document, ETag, Warnings, Parent, WriteRefusal);
        }

        /// <summary>Why a write must not be sent now (a busy or stopped cluster); thrown only when there is something to write.</summary>
        public WriteRefusal? WriteRefusal { get; }
    }

    /// <summary>A refusal found in the read: its error, and whether a later read may find the resource writable.</summary>
    internal sealed class WriteRefusal
    {
        public WriteRefusal(AstroNetworkException error, bool transient)
        {
            Error = error;
            Transient = transient;
        }

        public AstroNetworkException Error { get; }

        public bool Transient { get; }
    }
}

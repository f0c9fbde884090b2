using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// Writes the ownership record's tags through Microsoft.Resources/tags/default (PATCH Merge, then Delete of the tags
    /// that went, each with the value read so a tag changed meanwhile is not deleted): the resource itself is not
    /// rewritten, and other tags are never touched. Needs Microsoft.Resources/tags/write on the resource (Tag Contributor,
    /// or any role with write on it). A refusal (a policy that denies tags, a missing permission, Azure's 50-tag limit)
    /// is returned as a warning: the firewall change still happens, without an owner.
    /// </summary>
    internal sealed class OwnershipRecordWriter
    {
        private readonly IArmJsonClient _arm;
        private readonly ArmResourceId _resource;
        private readonly Dictionary<string, string> _current;

        public OwnershipRecordWriter(IArmJsonClient arm, ArmResourceId resource, IReadOnlyDictionary<string, string> asRead)
        {
            _arm = arm;
            _resource = resource;
            _current = new Dictionary<string, string>(asRead.ToDictionary(t => t.Key, t => t.Value), StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Why the record could not be written, once it failed; later writes are then skipped.</summary>
        public string? Refusal { get; private set; }

        /// <summary>
        /// Makes the record's tags equal <paramref name="target"/>; with <paramref name="deletes"/> false only adds and changes.
        /// True when a tag write was sent (it gives the resource a new ETag).
        /// </summary>
        public async Task<bool> WriteAsync(IReadOnlyDictionary<string, string> target, bool deletes, CancellationToken ct)
        {
            if (Refusal != null)
            {
                return false;
            }

            var merge = target.Where(t => !_current.TryGetValue(t.Key, out var v) || v != t.Value).ToList();
            var gone = deletes ? _current.Where(t => !target.ContainsKey(t.Key)).ToList() : new List<KeyValuePair<string, string>>();
            try
            {
                if (merge.Count > 0)
                {
                    await SendAsync("Merge", merge, ct).ConfigureAwait(false);
                    merge.ForEach(t => _current[t.Key] = t.Value);
                }

                if (gone.Count > 0)
                {
                    await SendAsync("Delete", gone, ct).ConfigureAwait(false);
                    gone.ForEach(t => _current.Remove(t.Key));
                }
            }
            catch (AstroNetworkException ex) when (ex.Status == 400 || ex.Status == 403)
            {
                Refusal = $"The ownership record (tags '{OwnershipRecord.TagPrefix}…') could not be written: {ex.ServiceCode ?? ex.ErrorId}: {ex.Message} " +
                    "The firewall entries are written without an owner, so Sync and Remove leave them alone; re-run with -AdoptExisting once tags can be written, or give -PreviousIpAddress to Sync.";
            }

            return merge.Count > 0 || gone.Count > 0;
        }

        private Task<ArmJsonResponse> SendAsync(string operation, IEnumerable<KeyValuePair<string, string>> tags, CancellationToken ct)
        {
            var values = new JsonObject();
            foreach (var tag in tags)
            {
                values[tag.Key] = tag.Value;
            }

            var body = new JsonObject { ["operation"] = operation, ["properties"] = new JsonObject { ["tags"] = values } };
            return _arm.PatchAsync(_resource.Id + "/providers/Microsoft.Resources/tags/default", ApiVersions.Tags, body, null, ct);
        }
    }
}

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine;

namespace Astro.Network.Completion
{
    /// <summary>
    /// Completes names or IDs read from a service (Astro objects, Azure resources). A completer runs on every Tab, so
    /// it reads through a short cache, gives up after a few seconds, and never throws or prompts: any failure (not
    /// signed in, network, permissions) simply yields no suggestions.
    /// </summary>
    public abstract class CachedCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(60);
        private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(5);
        private static readonly Dictionary<string, CacheEntry> Cache = new Dictionary<string, CacheEntry>();
        private static readonly object CacheLock = new object();

        private readonly bool _byId;

        private protected CachedCompleter(bool byId)
        {
            _byId = byId;
        }

        /// <summary>What the cached items depend on: their kind and the signed-in session.</summary>
        private protected abstract string CacheKey { get; }

        private protected abstract Task<IReadOnlyList<CompletionItem>> ReadAsync(CancellationToken ct);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var pattern = new WildcardPattern((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
                return Items()
                    .Select(item => (item, value: _byId ? item.Id : item.Name))
                    .Where(x => x.value.Length > 0 && pattern.IsMatch(x.value))
                    .OrderBy(x => x.value, StringComparer.OrdinalIgnoreCase)
                    .Select(x => new CompletionResult(Quote(x.value), _byId ? $"{x.item.Id} ({x.item.Name})" : x.value,
                        CompletionResultType.ParameterValue, x.item.Description))
                    .ToList();
            }
            catch (Exception)
            {
                // Not signed in, offline, timed out, or the engine failed to load: a completer offers nothing instead.
                return Array.Empty<CompletionResult>();
            }
        }

        private IReadOnlyList<CompletionItem> Items()
        {
            var key = CacheKey;
            lock (CacheLock)
            {
                if (Cache.TryGetValue(key, out var hit) && DateTime.UtcNow - hit.Read < CacheLifetime) return hit.Items;
            }
            var items = Read();
            lock (CacheLock) Cache[key] = new CacheEntry(DateTime.UtcNow, items);
            return items;
        }

        private IReadOnlyList<CompletionItem> Read()
        {
            using var cancel = new CancellationTokenSource(CallTimeout);
            var read = Task.Run(() => ReadAsync(cancel.Token));
            if (read.Wait(CallTimeout)) return read.Result;
            cancel.Cancel();
            throw new TimeoutException();
        }

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', '{', '}', ';', ',', '&', '|', '@', '#' }) >= 0
                ? "'" + value.Replace("'", "''") + "'"
                : value;

        private sealed class CacheEntry
        {
            internal CacheEntry(DateTime read, IReadOnlyList<CompletionItem> items)
            {
                Read = read;
                Items = items;
            }

            internal DateTime Read { get; }
            internal IReadOnlyList<CompletionItem> Items { get; }
        }

        private protected sealed class CompletionItem
        {
            internal CompletionItem(string id, string name, string description)
            {
                Id = id;
                Name = name;
                Description = description;
            }

            internal string Id { get; }
            internal string Name { get; }
            internal string Description { get; }
        }

        /// <summary>Completion must not write to the console while the user types.</summary>
        private protected sealed class SilentLog : IOperationLog
        {
            internal static readonly SilentLog Instance = new SilentLog();

            public void Verbose(string message) { }

            public void Warning(string message) { }

            public void Progress(string activity, string status, int percentComplete) { }
        }
    }

    /// <summary>Completes Astro Deployment and cluster names or IDs from the Astro API.</summary>
    public abstract class AstroObjectCompleter : CachedCompleter
    {
        private readonly AstroObjectKind _kind;

        private protected AstroObjectCompleter(AstroObjectKind kind, bool byId) : base(byId)
        {
            _kind = kind;
        }

        private protected override string CacheKey =>
            $"{_kind}|{AstroSession.Current?.OrganizationId}|{AstroSession.Current?.ApiUrl}";

        private protected override async Task<IReadOnlyList<CompletionItem>> ReadAsync(CancellationToken ct)
        {
            var service = new AstroService(SilentLog.Instance);
            return _kind == AstroObjectKind.Deployment
                ? (await service.GetDeploymentsAsync(null, null, null, ct).ConfigureAwait(false))
                    .Select(d => new CompletionItem(d.Id, d.Name, $"{d.Name} ({d.Id}, {d.Type}, {d.ClusterName ?? d.Region})")).ToList()
                : (await service.GetClustersAsync(null, null, ct).ConfigureAwait(false))
                    .Select(c => new CompletionItem(c.Id, c.Name, $"{c.Name} ({c.Id}, {c.Type} {c.CloudProvider} {c.Region})")).ToList();
        }
    }

    /// <summary>Completes resource IDs of one Azure type in the connected subscription (only when already signed in).</summary>
    public abstract class AzureResourceIdCompleter : CachedCompleter
    {
        private readonly string _resourceType;

        private protected AzureResourceIdCompleter(string resourceType) : base(byId: true)
        {
            _resourceType = resourceType;
        }

        private protected override string CacheKey =>
            $"{_resourceType}|{AzureSession.Current?.TenantId}|{AzureSession.Current?.SubscriptionId}";

        private protected override async Task<IReadOnlyList<CompletionItem>> ReadAsync(CancellationToken ct) =>
            (await AzureResourceNames.ListAsync(_resourceType, SilentLog.Instance, ct).ConfigureAwait(false))
                .Select(r => new CompletionItem(r.Id, r.Name, $"{r.Name} ({r.Location}) {r.Id}")).ToList();
    }

    internal enum AstroObjectKind
    {
        Deployment,
        Cluster,
    }
}

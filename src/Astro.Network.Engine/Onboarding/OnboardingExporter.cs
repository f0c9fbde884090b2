using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Allowlist;

namespace Astro.Network.Engine
{
    /// <summary>What Export-AstroNetworkOnboarding looks at.</summary>
    public sealed class OnboardingExportRequest
    {
        /// <summary>The Deployment (or, with ClusterId alone, the cluster) whose entries to find.</summary>
        public string? DeploymentId { get; set; }
        public string? ClusterId { get; set; }
        /// <summary>Resources to look at; empty: every supported resource in SubscriptionIds (Resource Graph).</summary>
        public IReadOnlyList<string> ResourceIds { get; set; } = new string[0];
        public IReadOnlyList<string> SubscriptionIds { get; set; } = new string[0];
        /// <summary>A managed identity: included when it has the Deployment's federated credentials.</summary>
        public string? IdentityId { get; set; }
        /// <summary>A VNet to peer (written as given, RoleMode Custom).</summary>
        public string? VirtualNetworkId { get; set; }
    }

}

namespace Astro.Network
{
    /// <summary>What Export-AstroNetworkOnboarding wrote (or, with -WhatIf, would write): the file and what it found.</summary>
    public sealed class OnboardingExport
    {
        public string Path { get; set; } = "";
        public string SourceId { get; set; } = "";
        public string SourceName { get; set; } = "";
        /// <summary>The file's text.</summary>
        public string Text { get; set; } = "";
        public bool Written { get; set; }
        public bool WhatIf { get; set; }
        public string[] AllowlistResourceIds { get; set; } = new string[0];
        public bool WorkloadIdentity { get; set; }

        public override string ToString() => $"{Path}: {AllowlistResourceIds.Length} resource(s) for {SourceName}";
    }
}

namespace Astro.Network.Engine.Onboarding
{
    /// <summary>
    /// Writes a version 1 file from what exists: resources whose firewall has entries the Deployment (or cluster) owns
    /// (NSGs with the port of its rules), the identity when it trusts the Deployment, the VNet when given.
    /// </summary>
    internal static class OnboardingExporter
    {
        public static async Task<OnboardingExport> ExportAsync(OnboardingExportRequest request, IOperationLog log, CancellationToken ct)
        {
            var source = request.DeploymentId ?? request.ClusterId ?? throw new AstroNetworkException("AstroSourceRequired", FailureKind.InvalidArgument,
                "Name the Deployment (-DeploymentId) or the cluster (-ClusterId) to export.");
            var owner = AllowlistEngine.NormalizeSourceId(source);
            var astro = new AstroService(log);
            var name = request.DeploymentId != null
                ? (await astro.GetDeploymentsAsync(request.DeploymentId, null, null, ct).ConfigureAwait(false)).Single().Name
                : (await astro.GetClustersAsync(request.ClusterId, null, ct).ConfigureAwait(false)).Single().Name;

            var ids = request.ResourceIds.Select(AllowlistEngine.NormalizeResourceId).ToList();
            ResourceDiscovery? discovered = null;
            if (ids.Count == 0 && request.SubscriptionIds.Count > 0)
            {
                discovered = await AllowlistEngine.DiscoverAsync(DiscoveryScope.Subscriptions(request.SubscriptionIds), null, DiscoveryMode.ResourceGraph, log, ct).ConfigureAwait(false);
                ids = discovered.ResourceIds.ToList();
            }

            // An NSG's entries are read per port: its Astro rules are found by name first, then each port is one item.
            var groups = ids.Where(IsNsg).ToList();
            var items = new List<(string Id, string? Port)>();
            if (groups.Count > 0)
            {
                var arm = new RestArmJsonClient((await AzureSession.GetContextAsync(log, ct).ConfigureAwait(false)).Arm);
                foreach (var id in groups)
                {
                    var group = await arm.GetAsync(id, ApiVersions.Network, ct).ConfigureAwait(false);
                    var names = (group?.Body["properties"]?["securityRules"] as System.Text.Json.Nodes.JsonArray ?? new System.Text.Json.Nodes.JsonArray())
                        .Select(r => JsonNodes.Text(r, "name"));
                    items.AddRange(names.Select(n => NsgPort(n, owner)).Where(p => p != null).Distinct().Select(p => (id, p)));
                }
            }

            var reads = await AllowlistEngine.GetAsync(ids.Where(id => !IsNsg(id)).ToList(), null, AllowlistEngine.DefaultThrottleLimit, log, ct, null, discovered).ConfigureAwait(false);
            foreach (var read in reads)
            {
                if (read.Value == null)
                {
                    log.Warning($"{read.ResourceId}: not exported, it could not be read ({read.Error!.Message})");
                    continue;
                }

                if (read.Value.Entries.Any(e => Owners(e.Owner).Contains(owner)))
                {
                    items.Add((read.ResourceId, null));
                }
            }

            var workloads = new List<string>();
            if (request.IdentityId != null && request.DeploymentId != null)
            {
                var credentials = await WorkloadIdentityEngine.GetAsync(WorkloadIdentityEngine.NormalizeIdentityId(request.IdentityId), request.DeploymentId, log, ct).ConfigureAwait(false);
                workloads = credentials.Select(c => c.Workload).Where(w => w != null).Select(w => w!).Distinct().OrderBy(w => w).ToList();
            }

            return new OnboardingExport
            {
                SourceId = source,
                SourceName = name,
                Text = Text(request, source, name, items, workloads),
                AllowlistResourceIds = items.Select(i => i.Id).Distinct().ToArray(),
                WorkloadIdentity = workloads.Count > 0,
            };
        }

        private static bool IsNsg(string id) => id.IndexOf("/providers/Microsoft.Network/networkSecurityGroups/", StringComparison.OrdinalIgnoreCase) >= 0;

        private static IEnumerable<string> Owners(string? owner) => (owner ?? "").Split(new[] { ", " }, StringSplitOptions.RemoveEmptyEntries);

        /// <summary>The port of an NSG rule the owner's name marks ("astro-{owner}-allow-443[-ipv6]"; no port part: "*").</summary>
        private static string? NsgPort(string? ruleName, string owner)
        {
            var match = Regex.Match(ruleName ?? "", "^astro-" + Regex.Escape(owner) + "-allow(?:-(?<port>[0-9*]+(?:-[0-9]+)?))?(?:-ipv6)?$", RegexOptions.IgnoreCase);
            return !match.Success ? null : match.Groups["port"].Success ? match.Groups["port"].Value : "*";
        }

        private static string Text(OnboardingExportRequest request, string source, string name, IReadOnlyList<(string Id, string? Port)> items, IReadOnlyList<string> workloads)
        {
            var text = new StringBuilder();
            text.AppendLine($"# Written by Export-AstroNetworkOnboarding on {DateTimeOffset.UtcNow:yyyy-MM-dd} from what exists for {name} ({source}).");
            text.AppendLine("# Check it with Test-AstroNetworkOnboarding; Get-Help about_Astro.Network (ONBOARDING FILE) lists every key.");
            text.AppendLine("@{");
            text.AppendLine($"    Version = {OnboardingSchema.Version}");
            text.AppendLine(request.DeploymentId != null ? $"    Deployment = {Quote(request.DeploymentId)}   # {name}" : $"    Cluster = {Quote(source)}   # {name}");
            text.AppendLine("    AllowlistMode = 'Sync'");
            text.AppendLine("    Allowlist = @(");
            foreach (var (id, port) in items)
            {
                text.AppendLine(port == null ? $"        @{{ ResourceId = {Quote(id)} }}" : $"        @{{ ResourceId = {Quote(id)}; Port = {Quote(port)} }}");
            }

            text.AppendLine("    )");
            if (request.VirtualNetworkId != null)
            {
                text.AppendLine($"    Peering = @{{ VirtualNetworkId = {Quote(PeeringEngine.NormalizeVirtualNetworkId(request.VirtualNetworkId))}; RoleMode = 'Custom' }}");
            }

            if (workloads.Count > 0)
            {
                text.AppendLine($"    WorkloadIdentity = @{{ IdentityId = {Quote(WorkloadIdentityEngine.NormalizeIdentityId(request.IdentityId!))}; " +
                    $"Workload = @({string.Join(", ", workloads.Select(Quote))}) }}");
            }

            text.AppendLine("}");
            return text.ToString();
        }

        /// <summary>A PowerShell single-quoted string (a quote is doubled).</summary>
        private static string Quote(string value) => "'" + value.Replace("'", "''") + "'";
    }
}

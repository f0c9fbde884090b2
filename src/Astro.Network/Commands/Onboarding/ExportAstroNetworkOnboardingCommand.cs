using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Onboarding
{
    /// <summary>Writes an onboarding file from what exists today for a Deployment or cluster.</summary>
    [Cmdlet(VerbsData.Export, "AstroNetworkOnboarding", SupportsShouldProcess = true, DefaultParameterSetName = ByResourceId)]
    [OutputType(typeof(OnboardingExport))]
    public sealed class ExportAstroNetworkOnboardingCommand : AstroCmdlet
    {
        private const string ByResourceId = "ByResourceId";
        private const string BySubscription = "BySubscription";

        /// <summary>The Deployment whose entries, identity and cluster to export.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string? DeploymentId { get; set; }

        /// <summary>The cluster whose entries to export (when no Deployment is given).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string? ClusterId { get; set; }

        /// <summary>Resources to look at.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ByResourceId)]
        [ValidateNotNullOrEmpty]
        public string[] ResourceId { get; set; } = null!;

        /// <summary>Subscriptions whose supported resources to look at (Resource Graph).</summary>
        [Parameter(Mandatory = true, ParameterSetName = BySubscription)]
        [ValidateNotNullOrEmpty]
        public string[] SubscriptionId { get; set; } = null!;

        /// <summary>A user-assigned managed identity: written when it has the Deployment's federated credentials.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ManagedIdentityIdCompleter))]
        public string? IdentityResourceId { get; set; }

        /// <summary>A VNet to peer with the cluster: written as given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(VirtualNetworkIdCompleter))]
        public string? VirtualNetworkId { get; set; }

        /// <summary>The file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>Overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessItem()
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path);
            if (System.IO.File.Exists(path) && !Force)
            {
                ThrowTerminating(new AstroNetworkException("OnboardingFileExists", FailureKind.ResourceExists, $"'{path}' exists; -Force overwrites it.", path));
            }

            var request = new OnboardingExportRequest
            {
                DeploymentId = DeploymentId,
                ClusterId = ClusterId,
                ResourceIds = ResourceId ?? new string[0],
                SubscriptionIds = SubscriptionId ?? new string[0],
                IdentityId = IdentityResourceId,
                VirtualNetworkId = VirtualNetworkId,
            };
            var export = RunOrStop((log, ct) => OnboardingEngine.ExportAsync(request, log, ct));
            export.Path = path;
            if (ShouldProcess(path, $"Write an onboarding file ({export.AllowlistResourceIds.Length} resource(s) to allowlist)"))
            {
                System.IO.File.WriteAllText(path, export.Text);
                export.Written = true;
            }
            else
            {
                export.WhatIf = true;
            }

            WriteObject(export);
        }
    }
}

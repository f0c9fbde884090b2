using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Peering
{
    /// <summary>
    /// Lets Astronomer's service principal create the peering: ensures it exists in the tenant, then assigns Network
    /// Contributor (or the least-privilege custom role) at each scope; existing assignments count as done.
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "AstroPeeringRole", SupportsShouldProcess = true)]
    [OutputType(typeof(PeeringGrant))]
    public sealed class GrantAstroPeeringRoleCommand : PeeringCmdlet
    {
        /// <summary>When given, the cluster is checked first: dedicated or hybrid on Azure, and no overlap with the VNet.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string? ClusterId { get; set; }

        /// <summary>Where to assign the role. Default: all three for NetworkContributor, Subscription for Custom.</summary>
        [Parameter]
        [ValidateSet(PeeringParameters.VirtualNetwork, PeeringParameters.ResourceGroup, PeeringParameters.Subscription)]
        public string[]? Scope { get; set; }

        /// <summary>
        /// Custom (default: the least-privilege "Astro VNET Peering Contributor" role at the subscription, Astronomer's current
        /// procedure) or NetworkContributor (the built-in role on the VNet, its resource group and the subscription, as the
        /// earlier instructions had it).
        /// </summary>
        [Parameter]
        [ValidateSet(PeeringParameters.NetworkContributor, PeeringParameters.Custom)]
        public string RoleMode { get; set; } = PeeringParameters.Custom;

        protected override void ProcessItem()
        {
            var mode = PeeringParameters.RoleMode(RoleMode);
            var request = new PeeringGrantRequest
            {
                VirtualNetworkId = TargetId,
                ClusterId = ClusterId,
                RoleMode = mode,
                Scopes = PeeringParameters.Scopes(Scope, mode),
            };
            var role = mode == PeeringRoleMode.Custom ? PeeringEngine.CustomRoleName : "Network Contributor";
            foreach (var scope in PeeringEngine.ScopeIds(request.VirtualNetworkId, request.Scopes))
            {
                if (!ShouldProcess(scope.Value, $"Assign '{role}' to Astronomer's service principal (appId {PeeringEngine.AstronomerAppId})"))
                {
                    request.PlanOnly.Add(scope.Key);
                }
            }
            WriteObject(Run((log, ct) => PeeringEngine.GrantAsync(request, log, ct)), enumerateCollection: true);
        }
    }
}

using System.Linq;
using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.Peering
{
    /// <summary>
    /// Removes the temporary peering roles: only the Astronomer service principal's assignments of the peering role at the
    /// VNet's scopes that Astro.Network created and no other peering in progress needs; other principals, roles and scopes are
    /// never touched, and assignments the module did not create are kept (listed with the reason) unless -IncludeExisting.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "AstroPeeringRole", SupportsShouldProcess = true)]
    [OutputType(typeof(PeeringRevocation))]
    public sealed class RemoveAstroPeeringRoleCommand : PeeringCmdlet
    {
        /// <summary>Scopes to clear; bound from grant objects (ScopeName). Default: all three.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ScopeName")]
        [ValidateSet(PeeringParameters.VirtualNetwork, PeeringParameters.ResourceGroup, PeeringParameters.Subscription)]
        public string[]? Scope { get; set; }

        /// <summary>Which peering role to remove; bound from grant objects. Default: both Network Contributor and the custom role.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet(PeeringParameters.NetworkContributor, PeeringParameters.Custom)]
        public string? RoleMode { get; set; }

        /// <summary>
        /// Also delete Astronomer's peering-role assignments that Astro.Network did not create (they existed before the grant,
        /// or were made by hand or by az). One-way for someone else's setup: asks for confirmation unless -Force or -Confirm:$false.
        /// </summary>
        [Parameter]
        public SwitchParameter IncludeExisting { get; set; }

        /// <summary>With -IncludeExisting: do not ask for confirmation.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessItem()
        {
            var request = new PeeringRevokeRequest
            {
                VirtualNetworkId = TargetId,
                RoleMode = RoleMode == null ? (PeeringRoleMode?)null : PeeringParameters.RoleMode(RoleMode),
                Scopes = PeeringParameters.Scopes(Scope, PeeringRoleMode.NetworkContributor),
                IncludeExisting = IncludeExisting.IsPresent && (Force.IsPresent || ConfirmHighImpact(
                    $"Also delete assignments of Astronomer's service principal that Astro.Network did not create (made before the grant, by hand or by another tool)? ({TargetId})",
                    "Confirm")),
            };
            var roles = request.RoleMode switch
            {
                PeeringRoleMode.Custom => $"'{PeeringEngine.CustomRoleName}'",
                PeeringRoleMode.NetworkContributor => "'Network Contributor'",
                _ => $"'Network Contributor' and '{PeeringEngine.CustomRoleName}'",
            };
            foreach (var scope in PeeringEngine.ScopeIds(request.VirtualNetworkId, request.Scopes)
                .Where(s => !ShouldProcess(s.Value, $"Remove {roles} assignments of Astronomer's service principal (appId {PeeringEngine.AstronomerAppId})")))
            {
                request.PlanOnly.Add(scope.Key);
            }
            WriteObject(Run((log, ct) => PeeringEngine.RevokeAsync(request, log, ct)), enumerateCollection: true);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Rbac;

namespace Astro.Network.Engine.Peering
{
    /// <summary>
    /// Grants and revokes Astronomer's temporary peering roles. Grants are idempotent (an existing assignment is reused);
    /// revokes touch only Astronomer's assignments of the module's roles at exactly the requested scopes.
    /// </summary>
    internal sealed class PeeringRoles
    {
        private const string PrincipalType = "ServicePrincipal";
        private readonly PeeringContext context;

        public PeeringRoles(PeeringContext context)
        {
            this.context = context;
        }

        public async Task<IReadOnlyList<PeeringGrant>> GrantAsync(PeeringGrantRequest request, CancellationToken ct)
        {
            var ids = VirtualNetworkIds.Parse(request.VirtualNetworkId);
            var scopes = PeeringRoleSet.ScopesFor(request.RoleMode, request.Scopes);
            var planOnly = scopes.All(request.PlanOnly.Contains);
            await ValidateAsync(ids, request.ClusterId, ct).ConfigureAwait(false);

            var principal = planOnly
                ? await context.Directory.FindServicePrincipalAsync(PeeringEngine.AstronomerAppId, ct).ConfigureAwait(false)
                : await context.Directory.EnsureServicePrincipalAsync(PeeringEngine.AstronomerAppId, ct).ConfigureAwait(false);
            if (principal?.Created == true)
            {
                context.Log.Verbose($"Created the service principal of Astronomer's application in the tenant: {principal}.");
            }

            var (roleName, roleDefinitionId) = await RoleAsync(ids, request.RoleMode, planOnly, ct).ConfigureAwait(false);
            // One read of Astronomer's assignments for the whole subscription serves every scope below it.
            var known = principal == null || roleDefinitionId == null
                ? (IReadOnlyList<RoleAssignmentInfo>)Array.Empty<RoleAssignmentInfo>()
                : await context.Rbac.ListForPrincipalAsync(ids.SubscriptionScope, principal.ObjectId, ct).ConfigureAwait(false);
            var grants = new List<PeeringGrant>();
            foreach (var scope in ids.ScopeIds(scopes))
            {
                var grant = new PeeringGrant
                {
                    VirtualNetworkId = ids.Id,
                    ScopeName = scope.Key.ToString(),
                    ScopeId = scope.Value,
                    RoleMode = request.RoleMode.ToString(),
                    RoleName = roleName,
                    RoleDefinitionId = roleDefinitionId ?? "",
                    PrincipalId = principal?.ObjectId,
                    AppId = PeeringEngine.AstronomerAppId,
                };
                if (request.PlanOnly.Contains(scope.Key))
                {
                    var existing = roleDefinitionId == null
                        ? null
                        : known.FirstOrDefault(a => a.IsAtScope(scope.Value) && a.HasRole(roleDefinitionId));
                    grant.WhatIf = true;
                    grant.Status = existing == null ? "WouldCreate" : "AlreadyExisted";
                    grant.AssignmentId = existing?.Id;
                    grant.AssignmentName = existing?.Name;
                }
                else
                {
                    var (assignment, outcome) = await context.Rbac.EnsureAssignmentAsync(scope.Value, roleDefinitionId!, principal!.ObjectId,
                        PrincipalType, PeeringRoleSet.AssignmentDescription, ct, known).ConfigureAwait(false);
                    grant.Status = outcome.ToString();
                    grant.Changed = outcome == AssignmentOutcome.Created;
                    grant.AssignmentId = assignment.Id;
                    grant.AssignmentName = assignment.Name;
                }

                grants.Add(grant);
            }

            return grants;
        }

        public async Task<IReadOnlyList<PeeringRevocation>> RevokeAsync(PeeringRevokeRequest request, CancellationToken ct)
        {
            var ids = VirtualNetworkIds.Parse(request.VirtualNetworkId);
            var scopes = ids.ScopeIds(request.Scopes.Count > 0 ? request.Scopes : PeeringRoleSet.AllScopes);
            var principal = await context.Directory.FindServicePrincipalAsync(PeeringEngine.AstronomerAppId, ct).ConfigureAwait(false);
            var custom = request.RoleMode == PeeringRoleMode.NetworkContributor
                ? null
                : await context.Rbac.FindRoleDefinitionByNameAsync(ids.SubscriptionScope, PeeringEngine.CustomRoleName, ct).ConfigureAwait(false);
            var roles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (request.RoleMode != PeeringRoleMode.Custom)
            {
                roles[PeeringEngine.NetworkContributorRoleId] = PeeringRoleSet.NetworkContributorName;
            }

            if (custom != null)
            {
                roles[custom.Guid] = custom.RoleName;
            }

            var known = principal == null
                ? (IReadOnlyList<RoleAssignmentInfo>)Array.Empty<RoleAssignmentInfo>()
                : await context.Rbac.ListForPrincipalAsync(ids.SubscriptionScope, principal.ObjectId, ct).ConfigureAwait(false);
            var revocations = new List<PeeringRevocation>();
            foreach (var scope in scopes)
            {
                var matching = known.Where(a => a.IsAtScope(scope.Value) && roles.ContainsKey(a.RoleDefinitionGuid)).ToList();
                var whatIf = request.PlanOnly.Contains(scope.Key);
                var removed = new List<string>();
                if (!whatIf)
                {
                    foreach (var assignment in matching)
                    {
                        if (await context.Rbac.DeleteAssignmentAsync(assignment.Id, ct).ConfigureAwait(false))
                        {
                            removed.Add(assignment.Id);
                        }
                    }
                }

                revocations.Add(new PeeringRevocation
                {
                    VirtualNetworkId = ids.Id,
                    ScopeName = scope.Key.ToString(),
                    ScopeId = scope.Value,
                    PrincipalId = principal?.ObjectId,
                    RemovedAssignmentIds = (whatIf ? matching.Select(a => a.Id) : removed).ToArray(),
                    RoleNames = matching.Select(a => roles[a.RoleDefinitionGuid]).Distinct().ToArray(),
                    Status = matching.Count == 0 ? "NotPresent" : whatIf ? "WouldRemove" : "Removed",
                    Changed = removed.Count > 0,
                    WhatIf = whatIf,
                });
            }

            if (custom != null && !scopes.Any(s => request.PlanOnly.Contains(s.Key))
                && await DeleteUnusedCustomRoleAsync(ids, custom, ct).ConfigureAwait(false))
            {
                (revocations.FirstOrDefault(r => r.ScopeName == nameof(PeeringScope.Subscription)) ?? revocations.Last()).RoleDefinitionDeleted = true;
            }

            return revocations;
        }

        private async Task ValidateAsync(VirtualNetworkIds ids, string? clusterId, CancellationToken ct)
        {
            if (string.IsNullOrWhiteSpace(clusterId))
            {
                // Fail on a missing VNet with its own error rather than a role assignment's 404.
                await context.Azure.Arm.GetAsync(ids.Id, ApiVersions.Network, false, ct).ConfigureAwait(false);
                return;
            }

            var cluster = await new PeeringClusters(context.Astro, context.Log).GetAsync(clusterId!, ct).ConfigureAwait(false);
            AddressSpaces.EnsureNoOverlap(cluster, await new PeeringTargets(context).GetTargetAsync(ids.Id, ct).ConfigureAwait(false));
        }

        // Network Contributor's ID is fixed (no look-up); the custom role is created or updated unless only planning.
        private async Task<(string Name, string? DefinitionId)> RoleAsync(VirtualNetworkIds ids, PeeringRoleMode mode, bool planOnly, CancellationToken ct)
        {
            if (mode == PeeringRoleMode.NetworkContributor)
            {
                return (PeeringRoleSet.NetworkContributorName, RbacClient.BuiltInRoleDefinitionId(ids.SubscriptionId, PeeringEngine.NetworkContributorRoleId));
            }

            if (planOnly)
            {
                var found = await context.Rbac.FindRoleDefinitionByNameAsync(ids.SubscriptionScope, PeeringEngine.CustomRoleName, ct).ConfigureAwait(false);
                return (PeeringEngine.CustomRoleName, found?.Id);
            }

            var (definition, changed) = await context.Rbac.EnsureCustomRoleAsync(ids.SubscriptionId, PeeringEngine.CustomRoleName,
                PeeringRoleSet.CustomRoleDescription, PeeringRoleSet.CustomRoleActions, ct).ConfigureAwait(false);
            context.Log.Verbose($"Custom role {definition}: {(changed ? "created or updated" : "already as needed")}.");
            return (definition.RoleName, definition.Id);
        }

        private async Task<bool> DeleteUnusedCustomRoleAsync(VirtualNetworkIds ids, RoleDefinitionInfo custom, CancellationToken ct)
        {
            if (!PeeringRoleSet.IsModuleCreated(custom.Description))
            {
                context.Log.Verbose($"Keeping role definition {custom}: Astro.Network did not create it.");
                return false;
            }

            var users = (await context.Rbac.ListAtScopeAsync(ids.SubscriptionScope, ct).ConfigureAwait(false))
                .Where(a => a.HasRole(custom.Guid)).ToList();
            if (users.Count > 0)
            {
                context.Log.Verbose($"Keeping role definition {custom}: still used by {users.Count} assignment(s), e.g. at {users[0].Scope}.");
                return false;
            }

            return await context.Rbac.DeleteRoleDefinitionAsync(custom.Id, ct).ConfigureAwait(false);
        }
    }
}

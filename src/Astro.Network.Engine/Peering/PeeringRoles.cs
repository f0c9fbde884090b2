using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Rbac;

namespace Astro.Network.Engine.Peering
{
    /// <summary>
    /// Grants and revokes Astronomer's temporary peering roles. Grants are idempotent (an existing assignment is reused) and
    /// record ownership in the assignments they create (<see cref="PeeringOwnership"/>); revokes delete only those, at exactly
    /// the requested scopes, and never one that another peering in progress still needs.
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
                var existing = roleDefinitionId == null
                    ? null
                    : known.FirstOrDefault(a => a.IsAtScope(scope.Value) && a.HasRole(roleDefinitionId));
                if (request.PlanOnly.Contains(scope.Key))
                {
                    grant.WhatIf = true;
                    grant.Status = existing == null ? "WouldCreate" : "AlreadyExisted";
                    grant.AssignmentId = existing?.Id;
                    grant.AssignmentName = existing?.Name;
                    grant.ManagedByModule = existing == null || PeeringOwnership.IsModuleMade(existing.Description);
                }
                else
                {
                    var (assignment, outcome) = existing != null
                        ? (existing, AssignmentOutcome.AlreadyExisted)
                        : await context.Rbac.EnsureAssignmentAsync(scope.Value, roleDefinitionId!, principal!.ObjectId,
                            PrincipalType, PeeringOwnership.Describe(new[] { ids.Id }), ct, known).ConfigureAwait(false);
                    grant.Status = outcome.ToString();
                    grant.Changed = outcome == AssignmentOutcome.Created;
                    grant.ManagedByModule = PeeringOwnership.IsModuleMade(assignment.Description);
                    if (grant.ManagedByModule && !PeeringOwnership.Serves(assignment.Description, ids.Id))
                    {
                        // Shared with another peering in progress (same resource group or subscription): record this VNet too,
                        // so revoking either peering leaves the assignment to the other.
                        assignment = await context.Rbac.SetDescriptionAsync(assignment, PeeringOwnership.With(assignment.Description, ids.Id), ct).ConfigureAwait(false);
                        grant.Changed = true;
                    }

                    grant.AssignmentId = assignment.Id;
                    grant.AssignmentName = assignment.Name;
                }

                grant.NextStep = NextStep(grant);
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
                var whatIf = request.PlanOnly.Contains(scope.Key);
                var revocation = new PeeringRevocation
                {
                    VirtualNetworkId = ids.Id,
                    ScopeName = scope.Key.ToString(),
                    ScopeId = scope.Value,
                    PrincipalId = principal?.ObjectId,
                    WhatIf = whatIf,
                };
                var matching = known.Where(a => a.IsAtScope(scope.Value) && roles.ContainsKey(a.RoleDefinitionGuid)).ToList();
                var removed = new List<RoleAssignmentInfo>();
                var kept = new List<(RoleAssignmentInfo Assignment, string Reason)>();
                foreach (var assignment in matching)
                {
                    var decision = Decide(assignment, ids.Id, request.IncludeExisting);
                    if (decision.KeepFor != null)
                    {
                        kept.Add((assignment, decision.KeepFor));
                        if (!whatIf && decision.Rewrite != null)
                        {
                            await context.Rbac.SetDescriptionAsync(assignment, decision.Rewrite, ct).ConfigureAwait(false);
                            revocation.Changed = true;
                        }
                    }
                    else if (whatIf || await context.Rbac.DeleteAssignmentAsync(assignment.Id, ct).ConfigureAwait(false))
                    {
                        removed.Add(assignment);
                        revocation.Changed |= !whatIf;
                    }
                }

                revocation.RemovedAssignmentIds = removed.Select(a => a.Id).ToArray();
                revocation.RoleNames = removed.Select(a => roles[a.RoleDefinitionGuid]).Distinct().ToArray();
                revocation.KeptAssignmentIds = kept.Select(k => k.Assignment.Id).ToArray();
                revocation.KeptReasons = kept.Select(k => $"{roles[k.Assignment.RoleDefinitionGuid]} ({k.Assignment.Name}): {k.Reason}").ToArray();
                revocation.Status = removed.Count > 0 ? (whatIf ? "WouldRemove" : "Removed") : kept.Count > 0 ? "Kept" : "NotPresent";
                revocations.Add(revocation);
            }

            if (custom != null && !scopes.Any(s => request.PlanOnly.Contains(s.Key))
                && await DeleteUnusedCustomRoleAsync(ids, custom, ct).ConfigureAwait(false))
            {
                (revocations.FirstOrDefault(r => r.ScopeName == nameof(PeeringScope.Subscription)) ?? revocations.Last()).RoleDefinitionDeleted = true;
            }

            return revocations;
        }

        private static string NextStep(PeeringGrant grant) => grant.ManagedByModule
            ? $"Temporary: once Wait-AstroVnetPeering reports Connected, remove it with Remove-AstroPeeringRole -VirtualNetworkId {grant.VirtualNetworkId} (or pipe these grants)."
            : "Existed before this grant and was not created by Astro.Network: Remove-AstroPeeringRole keeps it unless -IncludeExisting.";

        /// <summary>
        /// Whether revoking <paramref name="virtualNetworkId"/>'s peering deletes the assignment: only when the module made it
        /// and no other VNet's peering still uses it (then <c>Rewrite</c> drops this VNet from its record), or when the caller
        /// explicitly includes assignments the module did not make.
        /// </summary>
        private static (string? KeepFor, string? Rewrite) Decide(RoleAssignmentInfo assignment, string virtualNetworkId, bool includeExisting)
        {
            if (!PeeringOwnership.IsModuleMade(assignment.Description))
            {
                return includeExisting
                    ? (null, null)
                    : ("not created by Astro.Network (it existed before the grant or was made by hand or another tool); pass -IncludeExisting to remove it", null);
            }

            var others = PeeringOwnership.Others(assignment.Description, virtualNetworkId);
            if (others.Count == 0)
            {
                return (null, null);
            }

            var reason = $"still needed for the peering of {string.Join(", ", others)}";
            return PeeringOwnership.Serves(assignment.Description, virtualNetworkId)
                ? (reason, PeeringOwnership.Describe(others))
                : (reason, null);
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
                var (found, _) = await context.Rbac.FindRoleDefinitionInTenantAsync(ids.SubscriptionId, PeeringEngine.CustomRoleName, ct).ConfigureAwait(false);
                return (PeeringEngine.CustomRoleName, found?.Id);
            }

            // One ID per tenant and role name (role names are unique in a tenant), so a re-run never makes a second role.
            var guid = NameBasedGuid.Create(context.Azure.Connection.TenantId.ToLowerInvariant() + "/" + PeeringEngine.CustomRoleName).ToString("D");
            var (definition, changed) = await context.Rbac.EnsureCustomRoleAsync(ids.SubscriptionId, PeeringEngine.CustomRoleName,
                PeeringRoleSet.CustomRoleDescription, PeeringRoleSet.CustomRoleActions, guid,
                d => PeeringRoleSet.IsModuleCreated(d.Description), ct).ConfigureAwait(false);
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

            // Made assignable in other subscriptions of the tenant too: this subscription comes off its scopes, the role stays.
            if (await context.Rbac.RemoveAssignableScopeAsync(custom, ids.SubscriptionScope, ct).ConfigureAwait(false))
            {
                return false;
            }

            return await context.Rbac.DeleteRoleDefinitionAsync(custom.Id, ct).ConfigureAwait(false);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>
    /// Microsoft.Authorization 2022-04-01 (shared azure-specs §2): role assignments (this file), role definitions and
    /// permission checks (the partial files beside it). Writes are idempotent: an identical assignment counts as done.
    /// </summary>
    internal sealed partial class RbacClient
    {
        private const string AssignmentsPath = RbacIds.Provider + "/roleAssignments";
        private readonly ArmRestClient arm;
        private readonly RbacRetryOptions retry;
        private readonly IOperationLog? log;

        public RbacClient(ArmRestClient arm, RbacRetryOptions? retry = null, IOperationLog? log = null)
        {
            this.arm = arm;
            this.retry = retry ?? new RbacRetryOptions();
            this.log = log;
        }

        /// <summary>The usual way in: the context's ARM client, log and retry timings.</summary>
        public RbacClient(AzureContext context)
            : this(context.Arm, RbacRetryOptions.From(context.Settings), context.Log)
        {
        }

        /// <summary>A built-in role's ID in the subscription form ARM returns (the GUID is fixed; no look-up).</summary>
        public static string BuiltInRoleDefinitionId(string subscriptionId, string roleGuid) =>
            RbacIds.SubscriptionScope(subscriptionId) + RbacIds.Provider + "/roleDefinitions/" + RbacIds.RequireGuid(roleGuid, "role definition ID");

        /// <summary>The principal's assignments made exactly at <paramref name="scope"/> (not those above or below it).</summary>
        public async Task<IReadOnlyList<RoleAssignmentInfo>> ListForPrincipalAtScopeAsync(string scope, string principalId, CancellationToken ct)
        {
            // Listed at the subscription (the filter spans the tree), so every scope under it costs the same one call.
            var at = RbacIds.RequireScope(scope);
            return (await ListForPrincipalAsync(RbacIds.SubscriptionOf(at), principalId, ct).ConfigureAwait(false)).Where(a => a.IsAtScope(at)).ToList();
        }

        /// <summary>
        /// The principal's assignments at, above and below <paramref name="scope"/> in one list call (ARM's principalId filter
        /// spans the tree), so a caller working on several scopes under one subscription reads once.
        /// </summary>
        public async Task<IReadOnlyList<RoleAssignmentInfo>> ListForPrincipalAsync(string scope, string principalId, CancellationToken ct)
        {
            var principal = RbacIds.RequireGuid(principalId, "principal object ID");
            var all = await ListAssignmentsAsync(RbacIds.RequireScope(scope), "principalId eq " + RbacIds.Quote(principal), ct).ConfigureAwait(false);
            return all.Where(a => string.Equals(a.PrincipalId, principal, StringComparison.OrdinalIgnoreCase)).ToList();
        }

        /// <summary>Every assignment ARM lists for the scope (at, above and below it), any principal.</summary>
        public Task<IReadOnlyList<RoleAssignmentInfo>> ListAtScopeAsync(string scope, CancellationToken ct) =>
            ListAssignmentsAsync(RbacIds.RequireScope(scope), null, ct);

        /// <summary>
        /// Assigns the role unless the principal already has it at exactly this scope. 409 RoleAssignmentExists (same
        /// assignment under another name) counts as existing; 400 PrincipalNotFound (replication delay) is retried with backoff.
        /// </summary>
        public async Task<(RoleAssignmentInfo Assignment, AssignmentOutcome Outcome)> EnsureAssignmentAsync(
            string scope, string roleDefinitionId, string principalId, string principalType, string? description, CancellationToken ct,
            IReadOnlyList<RoleAssignmentInfo>? known = null)
        {
            // known: the principal's assignments read just before (ListForPrincipalAsync), which saves a list per scope.
            var at = RbacIds.RequireScope(scope);
            var existing = known != null
                ? known.FirstOrDefault(a => a.IsAtScope(at) && a.HasRole(roleDefinitionId))
                : await FindAsync(at, roleDefinitionId, principalId, ct).ConfigureAwait(false);
            if (existing != null)
            {
                return (existing, AssignmentOutcome.AlreadyExisted);
            }

            var properties = new JsonObject
            {
                ["roleDefinitionId"] = roleDefinitionId,
                ["principalId"] = RbacIds.RequireGuid(principalId, "principal object ID"),
                ["principalType"] = principalType,
            };
            if (!string.IsNullOrEmpty(description))
            {
                properties["description"] = description;
            }

            // One name for every attempt, so a retry after an unseen success cannot create a second assignment.
            var path = at + AssignmentsPath + "/" + Guid.NewGuid().ToString("D");
            try
            {
                var response = await PutWithReplicationRetryAsync(path, new JsonObject { ["properties"] = properties }, principalId, ct).ConfigureAwait(false);
                return (RoleAssignmentInfo.FromJson(response.Object ?? new JsonObject()), AssignmentOutcome.Created);
            }
            catch (AstroNetworkException ex) when (ex.Status == 409 && ex.ServiceCode == "RoleAssignmentExists")
            {
                log?.Verbose($"The role assignment already exists at {at} under another name; reading it.");
                var found = await FindAsync(at, roleDefinitionId, principalId, ct).ConfigureAwait(false);
                return found != null ? (found, AssignmentOutcome.AlreadyExisted) : throw ex;
            }
        }

        /// <summary>
        /// Rewrites only the description of an existing assignment: a PUT to the same name with the same principal, role and
        /// scope (ARM answers 201; recording authorization/test_role_assignment_create_update.yaml · 12).
        /// </summary>
        public async Task<RoleAssignmentInfo> SetDescriptionAsync(RoleAssignmentInfo assignment, string description, CancellationToken ct)
        {
            var properties = new JsonObject
            {
                ["roleDefinitionId"] = assignment.RoleDefinitionId,
                ["principalId"] = assignment.PrincipalId,
                ["description"] = description,
            };
            if (!string.IsNullOrEmpty(assignment.PrincipalType))
            {
                properties["principalType"] = assignment.PrincipalType;
            }

            var response = await arm.PutAsync(RbacIds.RequireScope(assignment.Id), ApiVersions.Authorization,
                new JsonObject { ["properties"] = properties }, null, ct).ConfigureAwait(false);
            return RoleAssignmentInfo.FromJson(response.Object ?? new JsonObject());
        }

        /// <summary>DELETE by full assignment ID: true when it was deleted (200), false when it did not exist (204).</summary>
        public Task<bool> DeleteAssignmentAsync(string assignmentId, CancellationToken ct) =>
            arm.DeleteAsync(RbacIds.RequireScope(assignmentId), ApiVersions.Authorization, null, ct);

        private async Task<RoleAssignmentInfo?> FindAsync(string scope, string roleDefinitionId, string principalId, CancellationToken ct) =>
            (await ListForPrincipalAtScopeAsync(scope, principalId, ct).ConfigureAwait(false)).FirstOrDefault(a => a.HasRole(roleDefinitionId));

        private async Task<IReadOnlyList<RoleAssignmentInfo>> ListAssignmentsAsync(string scope, string? filter, CancellationToken ct)
        {
            var path = scope.TrimEnd('/') + AssignmentsPath + (filter == null ? "" : "?" + RbacIds.Filter(filter));
            var items = await arm.ListAsync(path, ApiVersions.Authorization, ct).ConfigureAwait(false);
            return items.Select(RoleAssignmentInfo.FromJson).ToList();
        }

        private async Task<RestResponse> PutWithReplicationRetryAsync(string path, JsonObject body, string principalId, CancellationToken ct)
        {
            var waited = TimeSpan.Zero;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return await arm.PutAsync(path, ApiVersions.Authorization, body, null, ct).ConfigureAwait(false);
                }
                catch (AstroNetworkException ex) when (IsReplicationDelay(ex))
                {
                    var delay = attempt < retry.Delays.Count ? retry.Delays[attempt] : (TimeSpan?)null;
                    if (delay == null || waited + delay.Value > retry.MaxTotal)
                    {
                        throw RbacErrors.PrincipalNotReplicated(principalId, waited, ex);
                    }

                    log?.Verbose($"Azure does not see {(ex.ServiceCode == "PrincipalNotFound" ? "principal " + principalId : "the role definition")} yet (replication delay); retry {attempt + 1} in {delay.Value.TotalSeconds:0.###} s.");
                    await Task.Delay(delay.Value, ct).ConfigureAwait(false);
                    waited += delay.Value;
                }
            }
        }

        // A new principal, or a role definition created just before, can take a while to be visible to ARM's assignment
        // write: PrincipalNotFound (recording authorization/test_container_create_with_msi_scope.yaml · 27) and
        // RoleDefinitionDoesNotExist right after the definition's PUT (Microsoft Learn: "Troubleshoot Azure RBAC",
        // role definition changes take up to minutes to replicate).
        private static bool IsReplicationDelay(AstroNetworkException ex) =>
            (ex.Status == 400 && ex.ServiceCode == "PrincipalNotFound") || ((ex.Status == 400 || ex.Status == 404) && ex.ServiceCode == "RoleDefinitionDoesNotExist");
    }
}

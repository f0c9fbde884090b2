using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>Role definitions: look-up by name, the module's custom role (create, update only when it differs, delete).</summary>
    internal sealed partial class RbacClient
    {
        private const string DefinitionsPath = RbacIds.Provider + "/roleDefinitions";

        /// <summary>The role named <paramref name="roleName"/> visible at the scope (built-in or custom), or null.</summary>
        public async Task<RoleDefinitionInfo?> FindRoleDefinitionByNameAsync(string scope, string roleName, CancellationToken ct)
        {
            var path = RbacIds.RequireScope(scope).TrimEnd('/') + DefinitionsPath + "?" + RbacIds.Filter("roleName eq " + RbacIds.Quote(roleName));
            var items = await arm.ListAsync(path, ApiVersions.Authorization, ct).ConfigureAwait(false);
            return items.Select(RoleDefinitionInfo.FromJson)
                .FirstOrDefault(d => string.Equals(d.RoleName, roleName, StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// The role named <paramref name="roleName"/> in the subscription's tenant, and whether it is assignable there. A custom
        /// role is listed only where it is assignable, but its name is unique in the tenant, so when the subscription does not
        /// show it the tenant's other subscriptions the caller can read are searched.
        /// </summary>
        public async Task<(RoleDefinitionInfo? Definition, bool AssignableHere)> FindRoleDefinitionInTenantAsync(string subscriptionId, string roleName, CancellationToken ct)
        {
            var here = await FindRoleDefinitionByNameAsync(RbacIds.SubscriptionScope(subscriptionId), roleName, ct).ConfigureAwait(false);
            if (here != null)
            {
                return (here, true);
            }

            var subscriptions = await arm.ListAsync("subscriptions", ApiVersions.Resources, ct).ConfigureAwait(false);
            string? Text(JsonObject s, string name) => s[name]?.GetValue<string>();
            var tenantId = subscriptions.Where(s => string.Equals(Text(s, "subscriptionId"), subscriptionId, StringComparison.OrdinalIgnoreCase))
                .Select(s => Text(s, "tenantId")).FirstOrDefault();
            foreach (var other in subscriptions.Where(s => !string.Equals(Text(s, "subscriptionId"), subscriptionId, StringComparison.OrdinalIgnoreCase)
                && (tenantId == null || string.Equals(Text(s, "tenantId"), tenantId, StringComparison.OrdinalIgnoreCase))))
            {
                var found = await FindRoleDefinitionByNameAsync(RbacIds.SubscriptionScope(Text(other, "subscriptionId")!), roleName, ct).ConfigureAwait(false);
                if (found != null)
                {
                    log?.Verbose($"Found the role '{roleName}' in subscription {Text(other, "subscriptionId")} of the tenant: {found}.");
                    return (found, false);
                }
            }

            return (null, false);
        }

        /// <summary>A role definition by its full ID (subscription- or tenant-qualified); null when it does not exist.</summary>
        public async Task<RoleDefinitionInfo?> GetRoleDefinitionAsync(string roleDefinitionId, CancellationToken ct)
        {
            var response = await arm.GetAsync(RbacIds.RequireScope(roleDefinitionId), ApiVersions.Authorization, true, ct).ConfigureAwait(false);
            return response?.Object is { } json ? RoleDefinitionInfo.FromJson(json) : null;
        }

        /// <summary>
        /// Creates the custom role at the subscription under <paramref name="newGuid"/> (deterministic, so a re-run after a
        /// failure halfway writes the same role), or updates it when its actions, description or assignable scopes differ;
        /// no write when equal. Existing assignable scopes are kept (others may assign it there). A role that
        /// <paramref name="isOwned"/> rejects (made by hand, as Astronomer's docs describe) is never written: it is used as it
        /// is when its permissions cover <paramref name="actions"/>, otherwise the call fails naming what is missing.
        /// </summary>
        public async Task<(RoleDefinitionInfo Definition, bool Changed)> EnsureCustomRoleAsync(
            string subscriptionId, string roleName, string description, IReadOnlyList<string> actions, string newGuid,
            Func<RoleDefinitionInfo, bool> isOwned, CancellationToken ct)
        {
            var scope = RbacIds.SubscriptionScope(subscriptionId);
            var (existing, assignableHere) = await FindRoleDefinitionInTenantAsync(subscriptionId, roleName, ct).ConfigureAwait(false);
            if (existing != null && !existing.IsCustom)
            {
                throw RbacErrors.NotCustomRole(existing);
            }

            if (existing != null && !isOwned(existing))
            {
                var missing = actions.Where(a => !existing.Permissions.Any(p => p.Grants(a))).ToList();
                if (missing.Count > 0)
                {
                    throw RbacErrors.ForeignRoleLacksActions(existing, missing);
                }

                if (!assignableHere)
                {
                    throw RbacErrors.ForeignRoleNotAssignable(existing, scope);
                }

                log?.Verbose($"Using the custom role {existing} as it is: Astro.Network did not create it, and it allows every action needed.");
                return (existing, false);
            }

            var scopes = (existing?.AssignableScopes ?? new string[0]).ToList();
            if (!scopes.Any(s => RbacIds.SameScope(s, scope)))
            {
                scopes.Add(scope);
            }

            if (existing != null && IsSame(existing, description, actions, scopes))
            {
                return (existing, false);
            }

            var guid = existing?.Guid ?? RbacIds.RequireGuid(newGuid, "role definition ID");
            log?.Verbose($"{(existing == null ? "Creating" : "Updating")} custom role '{roleName}' at {scope}.");
            return (await PutCustomRoleAsync(scope, guid, roleName, description, actions, scopes, ct).ConfigureAwait(false), true);
        }

        /// <summary>
        /// Takes <paramref name="scope"/> out of the role's assignable scopes when others remain (the role then stays for
        /// them); false when the scope is its only one or not one of them.
        /// </summary>
        public async Task<bool> RemoveAssignableScopeAsync(RoleDefinitionInfo role, string scope, CancellationToken ct)
        {
            var remaining = role.AssignableScopes.Where(s => !RbacIds.SameScope(s, scope)).ToList();
            if (remaining.Count == 0 || remaining.Count == role.AssignableScopes.Length)
            {
                return false;
            }

            log?.Verbose($"Taking {scope} out of the assignable scopes of {role}; it stays for {string.Join(", ", remaining)}.");
            await PutCustomRoleAsync(remaining[0], role.Guid, role.RoleName, role.Description, role.Actions, remaining, ct).ConfigureAwait(false);
            return true;
        }

        private async Task<RoleDefinitionInfo> PutCustomRoleAsync(string scope, string guid, string roleName, string description,
            IReadOnlyList<string> actions, IReadOnlyList<string> scopes, CancellationToken ct)
        {
            var body = new JsonObject
            {
                ["properties"] = new JsonObject
                {
                    ["roleName"] = roleName,
                    ["description"] = description,
                    ["type"] = "CustomRole",
                    ["permissions"] = new JsonArray(new JsonObject
                    {
                        ["actions"] = Array(actions),
                        ["notActions"] = new JsonArray(),
                        ["dataActions"] = new JsonArray(),
                        ["notDataActions"] = new JsonArray(),
                    }),
                    ["assignableScopes"] = Array(scopes),
                },
            };
            var response = await arm.PutAsync(scope + DefinitionsPath + "/" + guid, ApiVersions.Authorization, body, null, ct).ConfigureAwait(false);
            return RoleDefinitionInfo.FromJson(response.Object ?? new JsonObject());
        }

        /// <summary>DELETE by full role definition ID: true when deleted (200), false when it did not exist (204).</summary>
        public Task<bool> DeleteRoleDefinitionAsync(string roleDefinitionId, CancellationToken ct) =>
            arm.DeleteAsync(RbacIds.RequireScope(roleDefinitionId), ApiVersions.Authorization, null, ct);

        private static bool IsSame(RoleDefinitionInfo existing, string description, IReadOnlyList<string> actions, IReadOnlyList<string> scopes) =>
            existing.Permissions.Count == 1
            && existing.NotActions.Length == 0
            && string.Equals(existing.Description, description, StringComparison.Ordinal)
            && SameSet(existing.Actions, actions)
            && SameSet(existing.AssignableScopes, scopes);

        private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) =>
            new HashSet<string>(a, StringComparer.OrdinalIgnoreCase).SetEquals(b);

        private static JsonArray Array(IEnumerable<string> values) => new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
    }
}

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
            var existing = await FindRoleDefinitionByNameAsync(scope, roleName, ct).ConfigureAwait(false);
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
            log?.Verbose($"{(existing == null ? "Creating" : "Updating")} custom role '{roleName}' at {scope}.");
            var response = await arm.PutAsync(scope + DefinitionsPath + "/" + guid, ApiVersions.Authorization, body, null, ct).ConfigureAwait(false);
            return (RoleDefinitionInfo.FromJson(response.Object ?? new JsonObject()), true);
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

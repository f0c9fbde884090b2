using System;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>Scope and id arithmetic for Authorization paths (scopes are sent raw: the spec marks them x-ms-skip-url-encoding).</summary>
    internal static class RbacIds
    {
        public const string Provider = "/providers/Microsoft.Authorization";

        public static string LastSegment(string id)
        {
            var trimmed = (id ?? "").TrimEnd('/');
            return trimmed.Substring(trimmed.LastIndexOf('/') + 1);
        }

        /// <summary>"/subscriptions/S/" and "/subscriptions/s" are the same scope (ARM compares case-insensitively).</summary>
        public static bool SameScope(string a, string b) => string.Equals(Trim(a), Trim(b), StringComparison.OrdinalIgnoreCase);

        /// <summary>True when <paramref name="candidate"/> is <paramref name="scope"/> or one of its ancestors, on segment boundaries ("/" is the root).</summary>
        public static bool IsAtOrAbove(string candidate, string scope)
        {
            var above = Trim(candidate);
            var below = Trim(scope);
            return above.Length == 0
                || string.Equals(above, below, StringComparison.OrdinalIgnoreCase)
                || below.StartsWith(above + "/", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Management groups sit above every subscription they contain; ARM only lists those that do.</summary>
        public static bool IsManagementGroup(string scope) =>
            Trim(scope).StartsWith("/providers/Microsoft.Management/managementGroups/", StringComparison.OrdinalIgnoreCase);

        /// <summary>A principal/role GUID checked before it goes into a path or an OData filter.</summary>
        public static string RequireGuid(string? value, string what)
        {
            if (value == null || !Guid.TryParse(value.Trim(), out var guid))
            {
                throw new AstroNetworkException("InvalidArgument", FailureKind.InvalidArgument, $"'{value}' is not a valid {what} (a GUID is expected).", value);
            }

            return guid.ToString("D");
        }

        /// <summary>A scope as a path: leading '/', no trailing '/', no query; anything else is InvalidScope.</summary>
        public static string RequireScope(string? scope)
        {
            var text = scope?.Trim() ?? "";
            if (!text.StartsWith("/", StringComparison.Ordinal) || text.IndexOfAny(new[] { '?', '#', ' ', '\'' }) >= 0 || text.Contains("//"))
            {
                throw new AstroNetworkException("InvalidScope", FailureKind.InvalidArgument,
                    $"'{scope}' is not a valid role assignment scope: it must be a path such as /subscriptions/{{id}}.", scope);
            }

            return text.Length > 1 ? text.TrimEnd('/') : text;
        }

        /// <summary>A $filter value, URL-encoded here because the spec marks $filter x-ms-skip-url-encoding.</summary>
        public static string Filter(string odataExpression) => "$filter=" + Uri.EscapeDataString(odataExpression);

        /// <summary>An OData string literal ('' doubles a quote).</summary>
        public static string Quote(string value) => "'" + value.Replace("'", "''") + "'";

        /// <summary>"/subscriptions/{id}" of a scope at or below a subscription; the scope itself otherwise (tenant root, management group).</summary>
        public static string SubscriptionOf(string scope)
        {
            var parts = scope.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 2 && parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? "/subscriptions/" + parts[1] : scope;
        }

        public static string SubscriptionScope(string subscriptionId) => "/subscriptions/" + RequireGuid(subscriptionId, "subscription ID");

        private static string Trim(string scope) => (scope ?? "").Trim().TrimEnd('/');
    }
}

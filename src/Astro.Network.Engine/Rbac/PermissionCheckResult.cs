namespace Astro.Network.Engine.Rbac
{
    /// <summary>Whether the caller may write role assignments at a scope, and how that was found out.</summary>
    internal sealed class PermissionCheckResult
    {
        public const string PermissionsApi = "permissions API";
        public const string RoleAssignments = "role assignments";

        public PermissionCheckResult(string scope, bool allowed, bool conclusive, string method, string detail)
        {
            Scope = scope;
            Allowed = allowed;
            Conclusive = conclusive;
            Method = method;
            Detail = detail;
        }

        public string Scope { get; }

        public bool Allowed { get; }

        /// <summary>False when the answer could not be worked out (e.g. the caller's object ID is unknown): report a warning, not a failure.</summary>
        public bool Conclusive { get; }

        /// <summary><see cref="PermissionsApi"/> or <see cref="RoleAssignments"/>.</summary>
        public string Method { get; }

        public string Detail { get; }

        public override string ToString() => $"{(Allowed ? "allowed" : "denied")} at {Scope} ({Method}): {Detail}";
    }
}

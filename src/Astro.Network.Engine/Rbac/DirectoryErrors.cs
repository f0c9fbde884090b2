namespace Astro.Network.Engine.Rbac
{
    /// <summary>The directory failures a user can act on, with the permission, role or command that fixes them.</summary>
    internal static class DirectoryErrors
    {
        public const string PermissionRequiredId = "GraphDirectoryPermissionRequired";
        public const string AppNotFoundId = "AstronomerAppNotFound";

        public static AstroNetworkException PermissionRequired(string appId, AstroNetworkException cause, bool reading)
        {
            var what = reading ? "look up service principals in this tenant" : $"create the service principal of application {appId} in this tenant";
            const string need = "Looking it up needs the Microsoft Graph permission Application.Read.All; creating it needs Application.ReadWrite.All "
                + "and, for a signed-in user, the Application Administrator or Cloud Application Administrator directory role";
            var advice = $"Ask an administrator to run once: az ad sp create --id {appId}";
            return new AstroNetworkException(PermissionRequiredId, FailureKind.PermissionDenied,
                $"The signed-in account may not {what} ({cause.ServiceCode ?? "403"}). {need}. {advice}", appId, cause)
            {
                Status = cause.Status,
                ServiceCode = cause.ServiceCode,
                RequestId = cause.RequestId,
                RecommendedAction = advice + " (or grant the permission), then run the command again.",
            };
        }

        public static AstroNetworkException AppNotFound(string appId, AstroNetworkException cause) =>
            new AstroNetworkException(AppNotFoundId, FailureKind.ObjectNotFound,
                $"Microsoft Graph does not know an application with appId {appId} that this tenant can use: {cause.Message}", appId, cause)
            {
                Status = cause.Status,
                ServiceCode = cause.ServiceCode,
                RequestId = cause.RequestId,
                RecommendedAction = "Check the application ID; Astronomer's is a67e6057-7138-4f78-bbaf-fd9db7b8aab0.",
            };

        public static AstroNetworkException Vanished(string appId, AstroNetworkException cause) =>
            new AstroNetworkException("GraphServicePrincipalNotReadable", FailureKind.InvalidOperation,
                $"Microsoft Graph says a service principal for appId {appId} exists, but it cannot be read yet. Run the command again in a minute.", appId, cause)
            {
                Status = cause.Status,
                ServiceCode = cause.ServiceCode,
                RequestId = cause.RequestId,
            };
    }
}

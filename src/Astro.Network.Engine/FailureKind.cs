namespace Astro.Network.Engine
{
    /// <summary>What kind of failure an <see cref="AstroNetworkException"/> is; the cmdlets map it to an ErrorCategory.</summary>
    public enum FailureKind
    {
        InvalidArgument,
        ObjectNotFound,
        PermissionDenied,
        AuthenticationError,
        ResourceExists,
        LimitsExceeded,
        ConnectionError,
        InvalidOperation,
        OperationTimeout,
        InvalidData,
        /// <summary>Refused because it would trust someone the user did not name (ErrorCategory.SecurityError).</summary>
        SecurityError,
        ResourceBusy,
        NotSpecified,
    }
}

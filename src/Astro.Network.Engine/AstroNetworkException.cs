using System;

namespace Astro.Network.Engine
{
    /// <summary>Every failure a user can see: a stable error id, a kind, the target, and the service's details when a service answered.</summary>
    public class AstroNetworkException : Exception
    {
        public AstroNetworkException(string errorId, FailureKind kind, string message, object? target = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = string.IsNullOrEmpty(errorId) ? throw new ArgumentException("An error id is required.", nameof(errorId)) : errorId;
            Kind = kind;
            Target = target;
        }

        /// <summary>Stable id, e.g. "AstroDeploymentNotFound", "AzureRequestFailed".</summary>
        public string ErrorId { get; }

        public FailureKind Kind { get; }

        public object? Target { get; }

        /// <summary>HTTP status when the failure came from a service.</summary>
        public int? Status { get; set; }

        /// <summary>ARM/Graph error code, or the Astro body's statusCode.</summary>
        public string? ServiceCode { get; set; }

        public string? RequestId { get; set; }

        public string? RecommendedAction { get; set; }
    }
}

using System;
using System.Collections.Generic;

namespace Astro.Network.Engine.Rest
{
    /// <summary>What an error answer means for the request that got it.</summary>
    internal enum AnswerKind
    {
        /// <summary>Nothing to do but report it.</summary>
        Fatal,

        /// <summary>A blip (5xx, 408): the same request again, a few times.</summary>
        Transient,

        /// <summary>Refused unprocessed because the resource is mid-operation: the same request again once it is free.</summary>
        Busy,

        /// <summary>429: refused unprocessed for the caller's rate; wait Retry-After and send less at once.</summary>
        Throttled,

        /// <summary>A true 412 from If-Match: the resource changed since it was read; re-read and re-plan.</summary>
        Conflict,
    }

    /// <summary>
    /// The one table of "resource is busy" answers, for every service. Busy is not conflict: a busy answer changed
    /// nothing and the same request succeeds later, while a true 412 means the plan was made on a stale read.
    /// </summary>
    internal static class BusyClassification
    {
        /// <summary>409 codes that mean "not now" whatever the message.</summary>
        private static readonly HashSet<string> BusyCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            // ARM's generic "another operation on this or dependent resource is in progress" (Network, Web...).
            "AnotherOperationInProgress", "RetryableError",
            // SQL: "The operation on the resource could not be completed because it was interrupted by another operation
            // on the same resource." (azure-specs sql 2021-11-01 FirewallRules.json, error responses: 409 OperationInterrupted).
            "OperationInterrupted",
            // Federated identity credentials: one write at a time per identity (Microsoft Learn, FIC considerations: 409).
            "ConcurrentFederatedIdentityCredentialsWritesForSingleManagedIdentity",
        };

        /// <summary>
        /// 409 codes that are busy only when the message says another operation is running. AKS: "Operation is not
        /// allowed: Another operation (Updating) is in progress, please wait for it to finish before starting a new
        /// operation. See https://aka.ms/aks-pending-operation" (Microsoft Learn, troubleshoot/azure/azure-kubernetes/
        /// create-upgrade-delete/operationnotallowed); other OperationNotAllowed answers (a stopped cluster) are final.
        /// </summary>
        private static readonly HashSet<string> BusyWhenInProgress = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "OperationNotAllowed", "PendingOperation",
        };

        /// <summary>
        /// Cosmos DB answers a control-plane write that meets another one with 412 PreconditionFailed "There is another
        /// user operation in progress which requires an exclusive lock on [account]. Please retry after sometime."
        /// (as reported from the service in hashicorp/terraform-provider-azurerm#15842); no If-Match is involved.
        /// </summary>
        private static readonly string[] BusyPreconditionPhrases = { "exclusive lock", "operation in progress" };

        private static readonly HashSet<int> TransientStatuses = new HashSet<int> { 408, 500, 502, 503, 504 };

        public static AnswerKind Classify(int status, string? code, string? message)
        {
            if (status == 429)
            {
                return AnswerKind.Throttled;
            }

            if (status == 409 && code != null
                && (BusyCodes.Contains(code) || (BusyWhenInProgress.Contains(code) && Says(message, "in progress"))))
            {
                return AnswerKind.Busy;
            }

            if (status == 412)
            {
                return Array.Exists(BusyPreconditionPhrases, p => Says(message, p)) ? AnswerKind.Busy : AnswerKind.Conflict;
            }

            return TransientStatuses.Contains(status) ? AnswerKind.Transient : AnswerKind.Fatal;
        }

        /// <summary>Busy or throttled: refused unprocessed, worth waiting for within the busy timeout.</summary>
        public static bool IsBusy(AnswerKind kind) => kind == AnswerKind.Busy || kind == AnswerKind.Throttled;

        /// <summary>A write refused because the resource changed since it was read (If-Match): re-read and re-plan.</summary>
        public static bool IsStaleWrite(AstroNetworkException error) => error.Status == 412 && error.Kind != FailureKind.ResourceBusy;

        private static bool Says(string? message, string phrase) =>
            message != null && message.IndexOf(phrase, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}

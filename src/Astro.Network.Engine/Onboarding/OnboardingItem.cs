namespace Astro.Network
{
    /// <summary>
    /// One change of an onboarding file on one resource or scope (Test- and Invoke-AstroNetworkOnboarding): what it is,
    /// and whether it is still to do, done, already so, refused, failed, or waiting on Astronomer support.
    /// </summary>
    public sealed class OnboardingItem
    {
        /// <summary>Allowlist, Peering, PrivateLink or WorkloadIdentity.</summary>
        public string Area { get; set; } = "";
        /// <summary>Add, Sync, Readiness, GrantRole, RemoveRole, Peer, Approve, CreateCredential.</summary>
        public string Action { get; set; } = "";
        /// <summary>The resource or scope ID.</summary>
        public string Target { get; set; } = "";
        /// <summary>Its name (a credential's or connection's name where the target holds several).</summary>
        public string Name { get; set; } = "";
        /// <summary>ToDo (the plan would write), Done (this run wrote), AlreadyDone, Refused, Waiting (on Astronomer support), Failed, Skipped (-WhatIf or declined).</summary>
        public string Status { get; set; } = "";
        /// <summary>What the change is, or why nothing is written.</summary>
        public string Detail { get; set; } = "";
        /// <summary>Refused and Failed: the stable error id (e.g. AllowlistWouldRestrictResource).</summary>
        public string? ErrorId { get; set; }
        /// <summary>What comes next and when (a temporary grant to remove, the support ticket to open).</summary>
        public string? NextStep { get; set; }
        /// <summary>Waiting items: the text to paste into the Astronomer support ticket.</summary>
        public string? TicketText { get; set; }

        /// <summary>Status ToDo: the plan has a write here.</summary>
        public bool IsToDo => Status == OnboardingStatus.ToDo;

        public override string ToString() => $"{Area} {Action} {Name}: {Status}. {Detail}";
    }

    /// <summary>The values of <see cref="OnboardingItem.Status"/>.</summary>
    public static class OnboardingStatus
    {
        public const string ToDo = "ToDo";
        public const string Done = "Done";
        public const string AlreadyDone = "AlreadyDone";
        public const string Refused = "Refused";
        public const string Waiting = "Waiting";
        public const string Failed = "Failed";
        public const string Skipped = "Skipped";
    }
}

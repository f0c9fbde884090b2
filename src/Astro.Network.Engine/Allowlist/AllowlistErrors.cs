using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>Every allowlist failure with its stable ErrorId, in one place so ids stay unique and documented.</summary>
    internal static class AllowlistErrors
    {
        public static AstroNetworkException InvalidIpAddress(string? input) => new AstroNetworkException(
            "InvalidIpAddress", FailureKind.InvalidArgument,
            $"'{input}' is not an IPv4/IPv6 address or CIDR range (expected e.g. 203.0.113.7 or 203.0.113.0/24).", input);

        public static AstroNetworkException HostBitsSet(string? input, string network) => new AstroNetworkException(
            "IpRangeHostBitsSet", FailureKind.InvalidArgument,
            $"'{input}' has host bits set under its prefix; Azure services reject such ranges. Did you mean '{network}'?", input);

        public static AstroNetworkException NonRoutable(IpRange range) => new AstroNetworkException(
            "NonRoutableIpAddress", FailureKind.InvalidArgument,
            $"'{range}' is a {range.Classification} address, never seen as a client address by an Azure firewall.", range.ToString());

        public static AstroNetworkException Rejected(string errorId, IpRange range, string resourceType, string reason) => new AstroNetworkException(
            errorId, FailureKind.InvalidArgument, $"'{range}' cannot be allowlisted on {resourceType}: {reason}", range.ToString());

        public static AstroNetworkException InvalidResourceId(string? input, string reason) => new AstroNetworkException(
            "InvalidResourceId", FailureKind.InvalidArgument,
            $"'{input}' is not a valid Azure resource ID ({reason}). Expected /subscriptions/<id>/resourceGroups/<rg>/providers/<Namespace>/<type>/<name>.", input);

        public static AstroNetworkException UnsupportedResourceType(string resourceType, IEnumerable<string> supported) => new AstroNetworkException(
            "UnsupportedResourceType", FailureKind.InvalidArgument,
            $"Resource type '{resourceType}' has no allowlist support. Supported types: {string.Join(", ", supported)}.", resourceType);

        public static AstroNetworkException ResourceNotFound(string resourceId) => new AstroNetworkException(
            "AllowlistResourceNotFound", FailureKind.ObjectNotFound,
            $"Resource '{resourceId.Substring(resourceId.LastIndexOf('/') + 1)}' was not found: {resourceId}.", resourceId);

        /// <summary>ARM answers 404 SubscriptionNotFound for a subscription that does not exist or that the caller cannot see.</summary>
        public static AstroNetworkException SubscriptionNotVisible(string path, string armMessage)
        {
            // /subscriptions/{s}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/...]
            var segments = path.Split('/');
            var name = segments.Length > 8 ? segments[8] : path;
            var resourceId = string.Join("/", segments.Take(Math.Min(segments.Length, 9)));
            return new AstroNetworkException("AllowlistSubscriptionNotVisible", FailureKind.PermissionDenied,
                $"Cannot see subscription '{(segments.Length > 2 ? segments[2] : "")}' of '{name}' with the signed-in account: it does not exist or the account has no access to it ({armMessage}). Check the resource ID, or sign in with Connect-AstroAzure as an account that can read it.",
                resourceId);
        }

        public static AstroNetworkException UnexpectedShape(string resourceId, string what) => new AstroNetworkException(
            "UnexpectedResourceShape", FailureKind.InvalidData, $"Resource '{resourceId}' did not have the expected shape: {what}.", resourceId);

        public static AstroNetworkException NotSupportedOnResource(string errorId, string resourceId, string reason) => new AstroNetworkException(
            errorId, FailureKind.InvalidOperation, reason, resourceId);

        /// <summary>The resource's effective access forbids the write; the cause id is the ErrorId and the reason carries the fix.</summary>
        public static AstroNetworkException AccessRefusal(ArmResourceId resource, AccessAssessment access, string? unlessForced = null) => new AstroNetworkException(
            access.CauseId, FailureKind.InvalidOperation, access.Reason + (unlessForced == null ? "" : " " + unlessForced), resource.Id);

        public static AstroNetworkException WouldRestrict(ArmResourceId resource, string resourceType) => new AstroNetworkException(
            "AllowlistWouldRestrictResource", FailureKind.InvalidOperation,
            $"'{resource.Name}' ({resourceType}) admits every address today; adding entries would admit only those and lock out every other address. Run again with -Force if that is intended.",
            resource.Id);

        public static AstroNetworkException WouldOpen(ArmResourceId resource, string resourceType) => new AstroNetworkException(
            "AllowlistWouldOpenResource", FailureKind.InvalidOperation,
            $"Removing the last entry of '{resource.Name}' would admit every address on the internet ({resourceType} treats an empty list as open). Add another entry first or close public access yourself.",
            resource.Id);

        /// <summary>Another writer kept undoing ours; the id stays AllowlistVerificationFailed, which users already handle.</summary>
        public static AstroNetworkException ConcurrentUpdate(string resourceId, int attempts, string lastConflict) => new AstroNetworkException(
            "AllowlistVerificationFailed", FailureKind.InvalidOperation,
            $"Concurrent update: another writer changed the firewall of '{resourceId}' during each of {attempts} read-merge-write attempts ({lastConflict}). Run the command again once the other writer is done.",
            resourceId);

        public static AstroNetworkException PortRequired(ArmResourceId resource) => new AstroNetworkException(
            "NsgPortRequired", FailureKind.InvalidArgument,
            $"Network security group '{resource.Name}': say which destination port the Astro rule opens with -Port (443, a range such as 8000-8080, or * for every port). Nothing was written.",
            resource.Id);

        /// <summary>The resource is mid-operation or stopped: a write now would fail or be lost, so none is sent.</summary>
        public static AstroNetworkException Busy(string errorId, string resourceId, string reason) => new AstroNetworkException(
            errorId, FailureKind.ResourceBusy, reason, resourceId);

        public static AstroNetworkException InvalidOption(string errorId, string message, object? target) => new AstroNetworkException(
            errorId, FailureKind.InvalidArgument, message, target);
    }
}

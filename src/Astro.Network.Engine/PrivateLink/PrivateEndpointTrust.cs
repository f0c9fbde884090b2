using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Astro.Network.Engine.PrivateLink;

namespace Astro.Network.Engine
{
    /// <summary>
    /// What Astronomer gave on the support ticket, which a connection must match before Approve writes it. Every
    /// criterion given must match; with none given nothing is trusted (a stranger's Pending connection looks exactly like
    /// Astronomer's in the list), unless Force.
    /// </summary>
    public sealed class PrivateEndpointTrust
    {
        private static readonly Regex Guid = new Regex("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");

        /// <summary>The subscription Astronomer's private endpoint lives in.</summary>
        public string? RequesterSubscriptionId { get; set; }

        /// <summary>The full ID of Astronomer's private endpoint.</summary>
        public string? PrivateEndpointId { get; set; }

        /// <summary>The Astro cluster ID the request message must name (New-AstroPrivateLinkRequest asks Astronomer to put it there).</summary>
        public string? ClusterId { get; set; }

        /// <summary>Approve whatever the connection's requester.</summary>
        public bool Force { get; set; }

        public bool IsEmpty => Given(RequesterSubscriptionId) == null && Given(PrivateEndpointId) == null && Given(ClusterId) == null;

        /// <summary>Bad criteria fail before anything is read: InvalidSubscriptionId, InvalidPrivateEndpointId.</summary>
        public void Validate()
        {
            if (Given(RequesterSubscriptionId) is { } subscription && !Guid.IsMatch(subscription))
            {
                throw new AstroNetworkException("InvalidSubscriptionId", FailureKind.InvalidArgument,
                    $"'{subscription}' is not a subscription ID (a GUID such as 00000000-0000-0000-0000-000000000000).", subscription);
            }

            if (Given(PrivateEndpointId) is { } endpoint &&
                !(ConnectionJson.ArmSegment(endpoint, "subscriptions") != null && ConnectionJson.ArmSegment(endpoint, "resourceGroups") != null &&
                  endpoint.IndexOf("/providers/Microsoft.Network/privateEndpoints/", StringComparison.OrdinalIgnoreCase) >= 0))
            {
                throw new AstroNetworkException("InvalidPrivateEndpointId", FailureKind.InvalidArgument,
                    $"'{endpoint}' is not a private endpoint ID; expected /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Network/privateEndpoints/<name>.", endpoint);
            }
        }

        /// <summary>Why the connection is not trusted; null when every criterion matches, or with Force.</summary>
        public string? Mismatch(PrivateEndpointConnection connection)
        {
            if (Force)
            {
                return null;
            }

            if (IsEmpty)
            {
                return "no requester was named, and Approve trusts none by default";
            }

            var misses = new List<string>();
            if (Given(RequesterSubscriptionId) is { } subscription && !Same(connection.RequesterSubscriptionId, subscription))
            {
                misses.Add($"its private endpoint is in subscription '{connection.RequesterSubscriptionId ?? "(none)"}', not '{subscription}'");
            }

            if (Given(PrivateEndpointId) is { } endpoint && !Same(connection.PrivateEndpointId?.TrimEnd('/'), endpoint.TrimEnd('/')))
            {
                misses.Add($"its private endpoint is '{connection.PrivateEndpointId ?? "(none)"}', not '{endpoint}'");
            }

            if (Given(ClusterId) is { } cluster && !Names(connection.RequestMessage, cluster))
            {
                misses.Add(connection.RequestMessage == null
                    ? $"it has no request message naming cluster '{cluster}'"
                    : $"its request message does not name cluster '{cluster}'");
            }

            return misses.Count == 0 ? null : string.Join("; ", misses);
        }

        // The cluster ID as a whole word: "cm4x" must not match inside "cm4xyz".
        private static bool Names(string? message, string clusterId) =>
            message != null && Regex.IsMatch(message, "(?<![A-Za-z0-9])" + Regex.Escape(clusterId) + "(?![A-Za-z0-9])", RegexOptions.IgnoreCase);

        private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}

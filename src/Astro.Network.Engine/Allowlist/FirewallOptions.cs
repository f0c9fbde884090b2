using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>Per-call settings; only NSG (port, protocol, priority, destination) and App Service (priority) use them.</summary>
    internal sealed class FirewallOptions
    {
        /// <summary>Destination of a new NSG rule when none is asked: the VNet's own space, not "*" (see NetworkSecurityGroupAdapter).</summary>
        public const string DefaultDestination = "VirtualNetwork";

        private static readonly string[] Protocols = { "Tcp", "Udp", "Icmp", "Esp", "*", "Ah" };

        // A service tag ("VirtualNetwork", "Storage.WestEurope"), as the NSG spec's destinationAddressPrefix allows.
        private static readonly Regex ServiceTag = new Regex("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)?$", RegexOptions.CultureInvariant);

        public static FirewallOptions Default { get; } = new FirewallOptions();

        /// <summary>Destination port or range ("443", "8000-8080", "*" = any); null = not given (NSG writes require it).</summary>
        public string? Port { get; set; }

        /// <summary>NSG destination of a new rule: "*", a service tag or an IP/CIDR; null = <see cref="DefaultDestination"/>.</summary>
        public string? DestinationAddressPrefix { get; set; }

        /// <summary>NSG protocol: Tcp|Udp|Icmp|Esp|*|Ah.</summary>
        public string Protocol { get; set; } = "Tcp";

        /// <summary>Priority of a new NSG rule (100-4096) or App Service restriction; null picks one.</summary>
        public int? Priority { get; set; }

        /// <summary>Checks and canonicalises the values; throws InvalidArgument errors with stable ids.</summary>
        public FirewallOptions Validated()
        {
            var port = string.IsNullOrWhiteSpace(Port) ? null : Port!.Trim();
            if (port != null && port != "*" && !IsPortOrRange(port))
            {
                throw AllowlistErrors.InvalidOption("InvalidPort", $"Port '{Port}' must be 0-65535, a range like 8000-8080, or *.", Port);
            }

            var protocol = Array.Find(Protocols, p => string.Equals(p, Protocol?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (protocol == null)
            {
                throw AllowlistErrors.InvalidOption("InvalidProtocol", $"Protocol '{Protocol}' must be one of {string.Join(", ", Protocols)}.", Protocol);
            }

            return new FirewallOptions { Port = port, Protocol = protocol, Priority = Priority, DestinationAddressPrefix = ValidDestination() };
        }

        /// <summary>The destination as an IP range when it is one (its family must match the rule's sources), else null.</summary>
        public IpRange? DestinationRange => DestinationAddressPrefix == null || DestinationAddressPrefix == "*" || ServiceTag.IsMatch(DestinationAddressPrefix)
            ? null
            : IpRange.Parse(DestinationAddressPrefix);

        private string? ValidDestination()
        {
            var text = string.IsNullOrWhiteSpace(DestinationAddressPrefix) ? null : DestinationAddressPrefix!.Trim();
            if (text == null || text == "*" || ServiceTag.IsMatch(text))
            {
                return text;
            }

            try
            {
                return IpRange.Parse(text).ToString();
            }
            catch (AstroNetworkException ex)
            {
                throw AllowlistErrors.InvalidOption("InvalidDestinationAddressPrefix",
                    $"Destination '{text}' must be *, a service tag such as VirtualNetwork, or an IP address or CIDR range ({ex.Message})", text);
            }
        }

        private static bool IsPortOrRange(string text)
        {
            var parts = text.Split('-');
            if (parts.Length > 2)
            {
                return false;
            }

            var values = new int[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] > 65535)
                {
                    return false;
                }
            }

            return values.Length == 1 || values[0] <= values[1];
        }
    }
}

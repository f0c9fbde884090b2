using System;
using System.Globalization;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>Per-call settings; only NSG (port, protocol, priority) and App Service (priority) use them.</summary>
    internal sealed class FirewallOptions
    {
        private static readonly string[] Protocols = { "Tcp", "Udp", "Icmp", "Esp", "*", "Ah" };

        public static FirewallOptions Default { get; } = new FirewallOptions();

        /// <summary>Destination port or range ("443", "8000-8080"); null or "*" means any.</summary>
        public string? Port { get; set; }

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

            return new FirewallOptions { Port = port == "*" ? null : port, Protocol = protocol, Priority = Priority };
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

using System.Net;
using System.Net.Sockets;
using Astro.Network.Emulator.Arm.Handlers;

namespace Astro.Network.Emulator.Arm;

/// <summary>Address checks for firewalls that also take IPv6 (App Service, NSG); IPv4 is parsed by <see cref="Ipv4Block"/>.</summary>
public static class IpText
{
    /// <summary>An IPv4 or IPv6 address, with or without a "/n" prefix in range; <paramref name="hasPrefix"/> tells which.</summary>
    public static bool IsAddressOrCidr(string? text, out bool hasPrefix)
    {
        hasPrefix = text?.Contains('/') == true;
        if (Ipv4Block.Parse(text) is not null)
        {
            return true;
        }
        var parts = text?.Split('/');
        return parts is { Length: 1 or 2 }
            && IPAddress.TryParse(parts[0], out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 && parts[0].Contains(':')
            && (parts.Length == 1 || (int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var bits) && bits <= 128));
    }

    /// <summary>4 or 6 for an address or CIDR, null for anything else (service tags, "*").</summary>
    public static int? Family(string? text) =>
        !IsAddressOrCidr(text, out _) ? null : Ipv4Block.Parse(text) is not null ? 4 : 6;
}

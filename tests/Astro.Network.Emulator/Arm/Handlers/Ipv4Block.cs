using System.Globalization;
using System.Text.RegularExpressions;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// An IPv4 address or CIDR block written the way the data-service firewalls accept it: dotted decimal without
/// leading zeros (the swagger pattern of the PostgreSQL/MySQL rules), optionally "/prefix".
/// </summary>
public readonly record struct Ipv4Block(uint First, uint Last, int Prefix, bool HasPrefix)
{
    // Declared first: the CIDR constants below are parsed with it during static initialisation.
    private static readonly Regex Dotted = new(
        @"^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$", RegexOptions.CultureInvariant);

    /// <summary>RFC 1918 private networks.</summary>
    public static readonly IReadOnlyList<Ipv4Block> Private = [Cidr("10.0.0.0/8"), Cidr("172.16.0.0/12"), Cidr("192.168.0.0/16")];

    /// <summary>RFC 6598 shared address space (carrier-grade NAT).</summary>
    public static readonly Ipv4Block SharedAddressSpace = Cidr("100.64.0.0/10");

    /// <summary>A dotted-decimal IPv4 address as a number, or null.</summary>
    public static uint? ParseAddress(string? text)
    {
        if (text is null || !Dotted.IsMatch(text))
        {
            return null;
        }
        return text.Split('.').Aggregate(0u, (acc, part) => (acc << 8) | uint.Parse(part, CultureInfo.InvariantCulture));
    }

    /// <summary>"a.b.c.d" or "a.b.c.d/n" (0..32), or null when it is neither.</summary>
    public static Ipv4Block? Parse(string? text)
    {
        var parts = text?.Split('/');
        if (parts is null || parts.Length > 2 || ParseAddress(parts[0]) is not { } address)
        {
            return null;
        }
        if (parts.Length == 1)
        {
            return new Ipv4Block(address, address, 32, false);
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32 || parts[1].Length > 2)
        {
            return null;
        }
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return new Ipv4Block(address & mask, (address & mask) | ~mask, prefix, true);
    }

    /// <summary>True when the whole block lies inside <paramref name="other"/>.</summary>
    public bool IsWithin(Ipv4Block other) => First >= other.First && Last <= other.Last;

    public bool IsPrivate => Private.Any(IsWithin);

    public static string Format(uint address) =>
        string.Join('.', new[] { 24, 16, 8, 0 }.Select(shift => ((address >> shift) & 0xFF).ToString(CultureInfo.InvariantCulture)));

    /// <summary>"a.b.c.d/n", always with the prefix.</summary>
    public string ToCidr() => $"{Format(First)}/{Prefix.ToString(CultureInfo.InvariantCulture)}";

    private static Ipv4Block Cidr(string text) => Parse(text)!.Value;
}

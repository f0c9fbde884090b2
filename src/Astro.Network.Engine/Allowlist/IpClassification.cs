namespace Astro.Network.Engine.Allowlist
{
    /// <summary>What kind of address block an <see cref="IpRange"/> falls in (the first special block it touches).</summary>
    internal enum IpClassification
    {
        Public,
        /// <summary>RFC 1918 (IPv4) or unique-local fc00::/7 (IPv6).</summary>
        Private,
        Loopback,
        LinkLocal,
        /// <summary>Carrier-grade NAT 100.64.0.0/10 (RFC 6598).</summary>
        SharedAddressSpace,
        Multicast,
        /// <summary>0/8, 192.0.0/24, 198.18/15, 240/4, ::/128 and other blocks never routed on the internet.</summary>
        Reserved,
        /// <summary>RFC 5737 / RFC 3849 test blocks: public-looking and accepted, the emulator scenarios use them.</summary>
        Documentation,
    }
}

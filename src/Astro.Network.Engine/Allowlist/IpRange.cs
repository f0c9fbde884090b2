using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>
    /// An IPv4 or IPv6 network (address + prefix). A single host is the network with a full prefix, so
    /// "1.2.3.4" and "1.2.3.4/32" are the same value. Canonical text: bare address for a single host, CIDR otherwise.
    /// </summary>
    internal sealed class IpRange : IEquatable<IpRange>
    {
        private readonly byte[] _network;

        private IpRange(byte[] network, int prefixLength)
        {
            _network = network;
            PrefixLength = prefixLength;
        }

        public int PrefixLength { get; }
        public bool IsIPv4 => _network.Length == 4;
        public bool IsIPv6 => !IsIPv4;
        public int MaxPrefixLength => _network.Length * 8;
        public bool IsSingleHost => PrefixLength == MaxPrefixLength;
        public string NetworkAddress => new IPAddress(_network).ToString();
        public IpClassification Classification => SpecialBlocks.Classify(this);

        /// <summary>Canonical form: "1.2.3.4" for a host, "1.2.3.0/24" for a network.</summary>
        public override string ToString() => IsSingleHost ? NetworkAddress : ToCidrString();

        /// <summary>Always with a prefix: "1.2.3.4/32".</summary>
        public string ToCidrString() => NetworkAddress + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Parses user input strictly. Host bits set under the prefix (1.2.3.4/24) are an error, as Storage and
        /// Key Vault reject them; silently widening the range would allowlist more than was asked.
        /// </summary>
        public static IpRange Parse(string? input)
        {
            var text = input?.Trim() ?? string.Empty;
            if (!TryParseCore(text, out var address, out var prefix))
            {
                throw AllowlistErrors.InvalidIpAddress(input);
            }

            var masked = Mask(address!, prefix);
            if (!SameBytes(masked, address!))
            {
                throw AllowlistErrors.HostBitsSet(input, new IpRange(masked, prefix).ToCidrString());
            }

            return new IpRange(masked, prefix);
        }

        /// <summary>Parses a value read from a resource: host bits are masked (the service accepted it), bad text gives null.</summary>
        public static IpRange? TryParseLenient(string? input)
        {
            var text = input?.Trim() ?? string.Empty;
            return TryParseCore(text, out var address, out var prefix) ? new IpRange(Mask(address!, prefix), prefix) : null;
        }

        /// <summary>The smallest list of CIDR blocks exactly covering an IPv4 start-end range (SQL/PG/MySQL rules); null if not IPv4 or start &gt; end.</summary>
        public static IReadOnlyList<IpRange>? FromIPv4StartEnd(string? start, string? end)
        {
            var first = TryParseLenient(start);
            var last = TryParseLenient(end);
            if (first == null || last == null || !first.IsIPv4 || !last.IsIPv4 || !first.IsSingleHost || !last.IsSingleHost)
            {
                return null;
            }

            ulong low = ToUInt32(first._network);
            ulong high = ToUInt32(last._network);
            if (low > high)
            {
                return null;
            }

            var blocks = new List<IpRange>();
            while (low <= high)
            {
                // Largest aligned block starting at low that does not pass high.
                var size = low == 0 ? 1UL << 32 : low & (~low + 1);
                while (low + size - 1 > high)
                {
                    size >>= 1;
                }

                var prefix = 32 - Log2(size);
                blocks.Add(new IpRange(FromUInt32((uint)low), prefix));
                low += size;
            }

            return blocks;
        }

        /// <summary>First and last address of an IPv4 range, as SQL-style firewall rules store it.</summary>
        public (string Start, string End) ToIPv4StartEnd()
        {
            if (!IsIPv4)
            {
                throw new InvalidOperationException("Start/end form exists for IPv4 only.");
            }

            var start = ToUInt32(_network);
            var hostBits = 32 - PrefixLength;
            var end = hostBits == 32 ? uint.MaxValue : start | ((1u << hostBits) - 1);
            return (NetworkAddress, new IPAddress(FromUInt32(end)).ToString());
        }

        /// <summary>True when every address of <paramref name="other"/> is in this range.</summary>
        public bool Contains(IpRange other)
        {
            return other._network.Length == _network.Length
                && other.PrefixLength >= PrefixLength
                && SameBytes(Mask(other._network, PrefixLength), _network);
        }

        /// <summary>Two CIDR blocks overlap exactly when one contains the other.</summary>
        public bool Overlaps(IpRange other) => Contains(other) || other.Contains(this);

        public bool Equals(IpRange? other) => other != null && other.PrefixLength == PrefixLength && SameBytes(other._network, _network);

        public override bool Equals(object? obj) => Equals(obj as IpRange);

        public override int GetHashCode()
        {
            var hash = PrefixLength;
            foreach (var b in _network)
            {
                hash = unchecked((hash * 31) + b);
            }

            return hash;
        }

        private static bool TryParseCore(string text, out byte[]? address, out int prefix)
        {
            address = null;
            prefix = -1;
            if (text.Length == 0)
            {
                return false;
            }

            var slash = text.IndexOf('/');
            var addressText = slash < 0 ? text : text.Substring(0, slash);
            if (!TryParseAddress(addressText, out address))
            {
                return false;
            }

            var max = address!.Length * 8;
            if (slash < 0)
            {
                prefix = max;
                return true;
            }

            var prefixText = text.Substring(slash + 1);
            if (prefixText.Length == 0 || prefixText.Length > 3 || !IsDigits(prefixText)
                || (prefixText.Length > 1 && prefixText[0] == '0'))
            {
                return false;
            }

            prefix = int.Parse(prefixText, CultureInfo.InvariantCulture);
            if (address.Length == 16 && IsIPv4Mapped(address) && prefix >= 96)
            {
                address = Slice(address, 12, 4);
                prefix -= 96;
            }

            return prefix <= address.Length * 8;
        }

        // IPAddress.TryParse accepts "1", "1.2.3" and octal-looking "01.2.3.4"; Azure wants dotted quads only.
        private static bool TryParseAddress(string text, out byte[]? bytes)
        {
            bytes = null;
            if (text.IndexOf(':') >= 0)
            {
                if (text.IndexOf('%') >= 0 || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                {
                    return false;
                }

                bytes = v6.GetAddressBytes();
                if (IsIPv4Mapped(bytes))
                {
                    bytes = Slice(bytes, 12, 4);
                }

                return true;
            }

            var parts = text.Split('.');
            if (parts.Length != 4)
            {
                return false;
            }

            var result = new byte[4];
            for (var i = 0; i < 4; i++)
            {
                var part = parts[i];
                if (part.Length == 0 || part.Length > 3 || !IsDigits(part) || (part.Length > 1 && part[0] == '0'))
                {
                    return false;
                }

                var value = int.Parse(part, CultureInfo.InvariantCulture);
                if (value > 255)
                {
                    return false;
                }

                result[i] = (byte)value;
            }

            bytes = result;
            return true;
        }

        private static bool IsDigits(string s)
        {
            foreach (var c in s)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsIPv4Mapped(byte[] b)
        {
            for (var i = 0; i < 10; i++)
            {
                if (b[i] != 0)
                {
                    return false;
                }
            }

            return b[10] == 0xff && b[11] == 0xff;
        }

        private static byte[] Slice(byte[] source, int start, int length)
        {
            var result = new byte[length];
            Array.Copy(source, start, result, 0, length);
            return result;
        }

        private static byte[] Mask(byte[] address, int prefix)
        {
            var result = new byte[address.Length];
            for (var i = 0; i < address.Length; i++)
            {
                var bits = Math.Max(0, Math.Min(8, prefix - (i * 8)));
                result[i] = (byte)(address[i] & (byte)(0xff << (8 - bits)));
            }

            return result;
        }

        private static bool SameBytes(byte[] a, byte[] b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static uint ToUInt32(byte[] b) => ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];

        private static byte[] FromUInt32(uint v) => new[] { (byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v };

        private static int Log2(ulong power)
        {
            var n = 0;
            while (power > 1)
            {
                power >>= 1;
                n++;
            }

            return n;
        }

        /// <summary>Non-public blocks, most specific first; a range touching one takes its classification.</summary>
        private static class SpecialBlocks
        {
            private static readonly (IpRange Block, IpClassification Kind)[] Blocks =
            {
                (Cidr("0.0.0.0/8"), IpClassification.Reserved),
                (Cidr("10.0.0.0/8"), IpClassification.Private),
                (Cidr("100.64.0.0/10"), IpClassification.SharedAddressSpace),
                (Cidr("127.0.0.0/8"), IpClassification.Loopback),
                (Cidr("169.254.0.0/16"), IpClassification.LinkLocal),
                (Cidr("172.16.0.0/12"), IpClassification.Private),
                (Cidr("192.0.0.0/24"), IpClassification.Reserved),
                (Cidr("192.168.0.0/16"), IpClassification.Private),
                (Cidr("198.18.0.0/15"), IpClassification.Reserved),
                (Cidr("224.0.0.0/4"), IpClassification.Multicast),
                (Cidr("240.0.0.0/4"), IpClassification.Reserved),
                (Cidr("::/128"), IpClassification.Reserved),
                (Cidr("::1/128"), IpClassification.Loopback),
                (Cidr("fc00::/7"), IpClassification.Private),
                (Cidr("fe80::/10"), IpClassification.LinkLocal),
                (Cidr("ff00::/8"), IpClassification.Multicast),
                (Cidr("192.0.2.0/24"), IpClassification.Documentation),
                (Cidr("198.51.100.0/24"), IpClassification.Documentation),
                (Cidr("203.0.113.0/24"), IpClassification.Documentation),
                (Cidr("2001:db8::/32"), IpClassification.Documentation),
            };

            public static IpClassification Classify(IpRange range)
            {
                foreach (var (block, kind) in Blocks)
                {
                    if (block.Overlaps(range))
                    {
                        return kind;
                    }
                }

                return IpClassification.Public;
            }

            private static IpRange Cidr(string text) => TryParseLenient(text) ?? throw new InvalidOperationException(text);
        }
    }
}

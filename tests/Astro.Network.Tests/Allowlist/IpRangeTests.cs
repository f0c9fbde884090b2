using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Xunit;

namespace Astro.Network.Tests.Allowlist;

public class IpRangeTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData(" 203.0.113.7/32 ", "203.0.113.7")]
    [InlineData("203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:DB8:0:0::1", "2001:db8::1")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    public void Parse_gives_canonical_text(string input, string expected)
    {
        Assert.Equal(expected, IpRange.Parse(input).ToString());
    }

    [Fact]
    public void Single_host_equals_its_slash_32()
    {
        Assert.Equal(IpRange.Parse("1.2.3.4"), IpRange.Parse("1.2.3.4/32"));
        Assert.Equal("1.2.3.4/32", IpRange.Parse("1.2.3.4").ToCidrString());
        Assert.NotEqual(IpRange.Parse("1.2.3.4"), IpRange.Parse("1.2.3.5"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("1.2.3")]
    [InlineData("1")]
    [InlineData("1.2.3.256")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3.4/33")]
    [InlineData("1.2.3.4/")]
    [InlineData("1.2.3.4/024")]
    [InlineData("1.2.3.4/-1")]
    [InlineData("1.2.3.4 /24")]
    [InlineData("fe80::1%eth0")]
    [InlineData("2001:db8::/129")]
    [InlineData("example.com")]
    public void Malformed_input_is_rejected_with_a_stable_id(string? input)
    {
        var ex = Assert.Throws<AstroNetworkException>(() => IpRange.Parse(input));
        Assert.Equal("InvalidIpAddress", ex.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, ex.Kind);
        Assert.Equal(input, ex.Target);
    }

    [Fact]
    public void Host_bits_under_the_prefix_are_an_error_naming_the_network()
    {
        var ex = Assert.Throws<AstroNetworkException>(() => IpRange.Parse("1.2.3.0/23"));
        Assert.Equal("IpRangeHostBitsSet", ex.ErrorId);
        Assert.Contains("1.2.2.0/23", ex.Message);
    }

    [Fact]
    public void Values_read_from_a_service_are_parsed_leniently()
    {
        Assert.Equal("23.0.0.0/8", IpRange.TryParseLenient("23.40.210.0/8")!.ToString());
        Assert.Null(IpRange.TryParseLenient("'10.91.4.0/24'"));
        Assert.Null(IpRange.TryParseLenient("AzureFrontDoor.Backend"));
    }

    [Theory]
    [InlineData("8.8.8.8", "Public")]
    [InlineData("10.1.2.3", "Private")]
    [InlineData("172.31.255.255", "Private")]
    [InlineData("172.32.0.1", "Public")]
    [InlineData("192.168.0.0/16", "Private")]
    [InlineData("100.64.0.1", "SharedAddressSpace")]
    [InlineData("100.128.0.1", "Public")]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("169.254.169.254", "LinkLocal")]
    [InlineData("224.0.0.1", "Multicast")]
    [InlineData("255.255.255.255", "Reserved")]
    [InlineData("0.0.0.0", "Reserved")]
    [InlineData("0.0.0.0/0", "Reserved")]
    [InlineData("8.0.0.0/6", "Private")]
    [InlineData("192.0.2.10", "Documentation")]
    [InlineData("198.51.100.0/24", "Documentation")]
    [InlineData("203.0.113.7", "Documentation")]
    [InlineData("::1", "Loopback")]
    [InlineData("fd00::1", "Private")]
    [InlineData("fe80::1", "LinkLocal")]
    [InlineData("ff02::1", "Multicast")]
    [InlineData("2001:db8::7", "Documentation")]
    [InlineData("2606:4700::1111", "Public")]
    public void Classifies_special_blocks(string input, string expected)
    {
        Assert.Equal(expected, IpRange.Parse(input).Classification.ToString());
    }

    [Fact]
    public void Contains_and_overlaps()
    {
        var net = IpRange.Parse("203.0.113.0/24");
        Assert.True(net.Contains(IpRange.Parse("203.0.113.200")));
        Assert.True(net.Contains(IpRange.Parse("203.0.113.128/25")));
        Assert.True(net.Contains(net));
        Assert.False(net.Contains(IpRange.Parse("203.0.112.0/23")));
        Assert.True(net.Overlaps(IpRange.Parse("203.0.112.0/23")));
        Assert.False(net.Overlaps(IpRange.Parse("203.0.114.0/24")));
        Assert.False(net.Contains(IpRange.Parse("2001:db8::1")));
        Assert.True(IpRange.Parse("2001:db8::/32").Contains(IpRange.Parse("2001:db8:1::5")));
    }

    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4", "1.2.3.4")]
    [InlineData("1.2.3.0", "1.2.3.255", "1.2.3.0/24")]
    [InlineData("0.0.0.0", "255.255.255.255", "0.0.0.0/0")]
    [InlineData("1.0.0.0", "255.0.0.0", "1.0.0.0/8,2.0.0.0/7,4.0.0.0/6,8.0.0.0/5,16.0.0.0/4,32.0.0.0/3,64.0.0.0/2,128.0.0.0/2,192.0.0.0/3,224.0.0.0/4,240.0.0.0/5,248.0.0.0/6,252.0.0.0/7,254.0.0.0/8,255.0.0.0")]
    [InlineData("10.0.0.5", "10.0.0.9", "10.0.0.5,10.0.0.6/31,10.0.0.8/31")]
    public void Start_end_ranges_decompose_into_exact_cidr_blocks(string start, string end, string expected)
    {
        var blocks = IpRange.FromIPv4StartEnd(start, end)!;
        Assert.Equal(expected, string.Join(",", blocks.Select(b => b.ToString())));
    }

    [Fact]
    public void Start_end_rejects_reversed_or_non_ipv4()
    {
        Assert.Null(IpRange.FromIPv4StartEnd("1.2.3.5", "1.2.3.4"));
        Assert.Null(IpRange.FromIPv4StartEnd("2001:db8::1", "2001:db8::2"));
        Assert.Null(IpRange.FromIPv4StartEnd(null, "1.2.3.4"));
    }

    [Fact]
    public void Ranges_convert_to_start_end()
    {
        Assert.Equal(("203.0.113.0", "203.0.113.255"), IpRange.Parse("203.0.113.0/24").ToIPv4StartEnd());
        Assert.Equal(("203.0.113.7", "203.0.113.7"), IpRange.Parse("203.0.113.7").ToIPv4StartEnd());
        Assert.Equal(("0.0.0.0", "255.255.255.255"), IpRange.Parse("0.0.0.0/0").ToIPv4StartEnd());
    }
}

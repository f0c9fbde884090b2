using System.Text.RegularExpressions;
using Astro.Network.Engine.Allowlist;
using Xunit;

namespace Astro.Network.Tests.Allowlist;

public class AstroRuleNamingTests
{
    // Name patterns from the saved swaggers.
    private static readonly Regex MySql = new(@"^[a-zA-Z0-9][-_a-zA-Z0-9]{0,79}(?<!-)$");
    private static readonly Regex PostgreSql = new(@"^[-\w\._]+$");

    [Theory]
    [InlineData("1.2.3.4", "astro-1-2-3-4")]
    [InlineData("1.2.3.0/24", "astro-1-2-3-0-24")]
    [InlineData("255.255.255.255", "astro-255-255-255-255")]
    [InlineData("2001:db8::1", "astro-2001-db8--1")]
    [InlineData("2001:db8::/32", "astro-2001-db8---32")]
    public void Names_encode_the_range_and_satisfy_every_service_pattern(string ip, string expected)
    {
        var name = AstroRuleNaming.For(IpRange.Parse(ip));
        Assert.Equal(expected, name);
        Assert.Matches(MySql, name);
        Assert.Matches(PostgreSql, name);
        Assert.True(AstroRuleNaming.IsAstroName(name));
    }

    [Fact]
    public void Unique_name_never_reuses_an_existing_rule_name()
    {
        var range = IpRange.Parse("1.2.3.4");
        Assert.Equal("astro-1-2-3-4", AstroRuleNaming.UniqueFor(range, new[] { "office", null }));
        Assert.Equal("astro-1-2-3-4-3", AstroRuleNaming.UniqueFor(range, new[] { "ASTRO-1-2-3-4", "astro-1-2-3-4-2" }));
    }

    [Fact]
    public void Only_the_astro_prefix_marks_ownership()
    {
        Assert.False(AstroRuleNaming.IsAstroName("office-astro-1"));
        Assert.False(AstroRuleNaming.IsAstroName(null));
        Assert.True(AstroRuleNaming.IsAstroName("Astro-allow"));
    }

    [Theory]
    [InlineData(null, false, "astro-allow")]
    [InlineData("*", false, "astro-allow")]
    [InlineData("*", true, "astro-allow-ipv6")]
    [InlineData("5432", false, "astro-allow-5432")]
    [InlineData("5432", true, "astro-allow-5432-ipv6")]
    [InlineData("8000-8080", false, "astro-allow-8000-8080")]
    public void Nsg_rule_name_follows_the_port_and_family(string? port, bool ipv6, string expected)
    {
        Assert.Equal(expected, AstroRuleNaming.NsgRuleName(new FirewallOptions { Port = port }.Validated(), ipv6));
    }
}

using System.Text.RegularExpressions;
using Astro.Network.Engine.Allowlist;
using Xunit;

namespace Astro.Network.Tests.Allowlist;

public class AstroRuleNamingTests
{
    // Name patterns from the saved swaggers.
    private static readonly Regex MySql = new(@"^[a-zA-Z0-9][-_a-zA-Z0-9]{0,79}(?<!-)$");
    private static readonly Regex PostgreSql = new(@"^[-\w\._]+$");
    private const string Source = "cm5demoetl000000000000d01";

    [Theory]
    [InlineData("1.2.3.4", "astro-cm5demoetl000000000000d01-1-2-3-4")]
    [InlineData("1.2.3.0/24", "astro-cm5demoetl000000000000d01-1-2-3-0-24")]
    [InlineData("255.255.255.255", "astro-cm5demoetl000000000000d01-255-255-255-255")]
    [InlineData("2001:db8::1", "astro-cm5demoetl000000000000d01-2001-db8--1")]
    [InlineData("2001:db8::/32", "astro-cm5demoetl000000000000d01-2001-db8---32")]
    public void Names_record_the_owner_and_range_and_satisfy_every_service_pattern(string ip, string expected)
    {
        var range = IpRange.Parse(ip);
        var name = AstroRuleNaming.For(range, Source);
        Assert.Equal(expected, name);
        Assert.Matches(MySql, name);
        Assert.Matches(PostgreSql, name);
        Assert.Equal(Source, AstroRuleNaming.OwnerOfName(name, range));
        Assert.Equal(Source, AstroRuleNaming.OwnerOfName(name + "-2", range));
    }

    [Fact]
    public void Underscore_names_for_redis_record_the_owner_and_have_no_legacy_form()
    {
        // Redis firewall rule names take letters, digits and underscores only.
        var range = IpRange.Parse("1.2.3.0/24");
        var name = AstroRuleNaming.UniqueFor(range, Source, new[] { "astro_cm5demoetl000000000000d01_1_2_3_0_24" }, '_');
        Assert.Equal("astro_cm5demoetl000000000000d01_1_2_3_0_24_2", name);
        Assert.Matches(new Regex("^[A-Za-z0-9_]+$"), name);
        Assert.Equal(Source, AstroRuleNaming.OwnerOfName(name, range, '_'));
        Assert.Null(AstroRuleNaming.OwnerOfName("astro_1_2_3_0_24", range, '_'));   // no earlier version wrote Redis rules
        Assert.Null(AstroRuleNaming.OwnerOfName("astro-manual-1-2-3-0-24", range, '_'));
        Assert.Null(AstroRuleNaming.OwnerOfName("astro_office", range, '_'));
    }

    [Fact]
    public void Earlier_versions_names_are_legacy_and_other_names_have_no_owner()
    {
        var range = IpRange.Parse("1.2.3.4");
        Assert.Equal(EntryOwners.Legacy, AstroRuleNaming.OwnerOfName("astro-1-2-3-4", range));
        Assert.Equal(EntryOwners.Legacy, AstroRuleNaming.OwnerOfName("ASTRO-1-2-3-4-2", range));
        Assert.Null(AstroRuleNaming.OwnerOfName("astro-office", range));
        Assert.Null(AstroRuleNaming.OwnerOfName("office-astro-1-2-3-4", range));
        Assert.Null(AstroRuleNaming.OwnerOfName("astro-cm5x-9-9-9-9", range));   // the name's range is not the entry's
        Assert.Equal("manual", AstroRuleNaming.OwnerOfName("astro-manual-1-2-3-4", range));
    }

    [Fact]
    public void Unique_name_never_reuses_an_existing_rule_name()
    {
        var range = IpRange.Parse("1.2.3.4");
        Assert.Equal("astro-manual-1-2-3-4", AstroRuleNaming.UniqueFor(range, "manual", new[] { "office", null }));
        Assert.Equal("astro-manual-1-2-3-4-3", AstroRuleNaming.UniqueFor(range, "manual", new[] { "ASTRO-MANUAL-1-2-3-4", "astro-manual-1-2-3-4-2" }));
    }

    [Fact]
    public void Descriptions_record_the_owner_and_earlier_versions_text_is_legacy()
    {
        Assert.Equal(Source, AstroRuleNaming.OwnerOfDescription(AstroRuleNaming.Description(Source)));
        Assert.Equal(EntryOwners.Legacy, AstroRuleNaming.OwnerOfDescription(AstroRuleNaming.LegacyDescription));
        Assert.Null(AstroRuleNaming.OwnerOfDescription("office VPN"));
        Assert.Null(AstroRuleNaming.OwnerOfDescription(null));
    }

    [Theory]
    [InlineData(null, false, "astro-manual-allow")]
    [InlineData("*", false, "astro-manual-allow")]
    [InlineData("*", true, "astro-manual-allow-ipv6")]
    [InlineData("5432", false, "astro-manual-allow-5432")]
    [InlineData("5432", true, "astro-manual-allow-5432-ipv6")]
    [InlineData("8000-8080", false, "astro-manual-allow-8000-8080")]
    public void Nsg_rule_name_follows_the_owner_port_and_family(string? port, bool ipv6, string expected)
    {
        var options = new FirewallOptions { Port = port }.Validated();
        var name = AstroRuleNaming.NsgRuleName("manual", options, ipv6);
        Assert.Equal(expected, name);
        Assert.Equal("manual", AstroRuleNaming.NsgOwnerOfRule(name, options, out var v6));
        Assert.Equal(ipv6, v6);
        Assert.Equal(EntryOwners.Legacy, AstroRuleNaming.NsgOwnerOfRule(AstroRuleNaming.NsgRuleName(null, options, ipv6), options, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("legacy")]
    [InlineData("has space")]
    [InlineData("a-b")]
    public void Source_ids_that_cannot_be_recorded_are_refused(string id)
    {
        if (id.Length == 0)
        {
            Assert.Equal(EntryOwners.Manual, EntryOwners.ForSource(id));
            return;
        }

        var ex = Assert.Throws<Astro.Network.Engine.AstroNetworkException>(() => EntryOwners.ForSource(id));
        Assert.Equal("InvalidSourceId", ex.ErrorId);
    }
}

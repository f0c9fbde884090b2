using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;
using Xunit;

namespace Astro.Network.Tests.Allowlist;

public class AllowlistPlannerTests
{
    private static FirewallEntry Unnamed(string value) => FirewallEntry.FromText(value, null, new JsonObject { ["value"] = value });

    private static FirewallEntry Named(string name, string value) =>
        FirewallEntry.FromText(value, name, new JsonObject { ["name"] = name, ["value"] = value });

    private static IReadOnlyList<IpRange> Ips(params string[] ips) => ips.Select(IpRange.Parse).ToList();

    private static AllowlistPlan Plan(IReadOnlyList<FirewallEntry> current, AllowlistOperation op, string[] requested, bool named, params string[] alsoOwned) =>
        AllowlistPlanner.Plan(current, op, Ips(requested), Ips(alsoOwned), named,
            (range, siblings) => named
                ? FirewallEntry.FromText(range.ToString(), AstroRuleNaming.UniqueFor(range, siblings.Select(s => s.Name)), JsonValue.Create(range.ToString())!, isNew: true)
                : FirewallEntry.FromText(range.ToString(), null, JsonValue.Create(range.ToString())!, isNew: true));

    private static string[] Values(IEnumerable<FirewallEntry> entries) => entries.Select(e => e.Value).ToArray();

    private static string[] Texts(IEnumerable<IpRange> ranges) => ranges.Select(r => r.ToString()).ToArray();

    [Fact]
    public void Add_keeps_existing_entries_as_read_and_appends_new_ones()
    {
        var current = new[] { Unnamed("198.51.100.0/24"), Unnamed("'junk'"), Unnamed("203.0.113.1") };
        var plan = Plan(current, AllowlistOperation.Add, new[] { "203.0.113.1/32", "203.0.113.2", "192.0.2.0/24" }, named: false);

        Assert.True(plan.HasChanges);
        Assert.Equal(new[] { "203.0.113.2", "192.0.2.0/24" }, Texts(plan.Added));
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.AlreadyPresent));
        Assert.Equal(new[] { "198.51.100.0/24", "'junk'", "203.0.113.1", "203.0.113.2", "192.0.2.0/24" }, Values(plan.EntriesAfter));
        for (var i = 0; i < current.Length; i++)
        {
            Assert.Same(current[i], plan.EntriesAfter[i]);
        }
    }

    [Fact]
    public void Add_of_present_ips_has_no_changes()
    {
        var plan = Plan(new[] { Unnamed("203.0.113.1/32") }, AllowlistOperation.Add, new[] { "203.0.113.1" }, named: false);
        Assert.False(plan.HasChanges);
        Assert.Empty(plan.Added);
    }

    [Fact]
    public void Add_is_exact_a_covering_network_does_not_count_as_present()
    {
        var plan = Plan(new[] { Unnamed("203.0.113.0/24") }, AllowlistOperation.Add, new[] { "203.0.113.1" }, named: false);
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.Added));
    }

    [Fact]
    public void Remove_on_unnamed_types_removes_every_equal_entry_and_reports_missing_ones()
    {
        // Key Vault may hold both forms of one host.
        var current = new[] { Unnamed("203.0.113.1"), Unnamed("198.51.100.7"), Unnamed("203.0.113.1/32") };
        var plan = Plan(current, AllowlistOperation.Remove, new[] { "203.0.113.1", "192.0.2.9" }, named: false);

        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.Removed));
        Assert.Equal(2, plan.RemovedEntries.Count);
        Assert.Equal(new[] { "192.0.2.9" }, Texts(plan.NotPresent));
        Assert.Equal(new[] { "198.51.100.7" }, Values(plan.EntriesAfter));
    }

    [Fact]
    public void Remove_on_named_types_never_removes_someone_elses_rule()
    {
        var current = new[] { Named("office", "203.0.113.1"), Named("astro-203-0-113-2", "203.0.113.2") };
        var plan = Plan(current, AllowlistOperation.Remove, new[] { "203.0.113.1", "203.0.113.2" }, named: true);

        Assert.Equal(new[] { "203.0.113.2" }, Texts(plan.Removed));
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.NotPresent));
        Assert.Equal(new[] { "office" }, plan.EntriesAfter.Select(e => e.Name));
    }

    [Fact]
    public void Remove_of_absent_ips_has_no_changes()
    {
        var plan = Plan(new[] { Unnamed("198.51.100.7") }, AllowlistOperation.Remove, new[] { "203.0.113.1" }, named: false);
        Assert.False(plan.HasChanges);
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.NotPresent));
    }

    [Fact]
    public void Sync_on_named_types_replaces_stale_astro_entries_and_keeps_the_rest()
    {
        var current = new[]
        {
            Named("office", "198.51.100.7"),
            Named("astro-203-0-113-1", "203.0.113.1"),
            Named("astro-203-0-113-2", "203.0.113.2"),
            Named("astro-weird", "not-an-ip"),
        };
        var plan = Plan(current, AllowlistOperation.Sync, new[] { "203.0.113.2", "203.0.113.3" }, named: true);

        Assert.Equal(new[] { "203.0.113.3" }, Texts(plan.Added));
        Assert.Equal(new[] { "203.0.113.2" }, Texts(plan.AlreadyPresent));
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.Removed));
        Assert.Equal(new[] { "office", "astro-203-0-113-2", "astro-weird", "astro-203-0-113-3" }, plan.EntriesAfter.Select(e => e.Name));
    }

    [Fact]
    public void Sync_on_unnamed_types_removes_only_ips_passed_as_astros()
    {
        var current = new[] { Unnamed("198.51.100.7"), Unnamed("203.0.113.1"), Unnamed("203.0.113.2") };
        var plan = Plan(current, AllowlistOperation.Sync, new[] { "203.0.113.2" }, named: false, "203.0.113.1", "192.0.2.1");

        Assert.Empty(plan.Added);
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.Removed));
        Assert.Equal(new[] { "192.0.2.1" }, Texts(plan.NotPresent));
        Assert.Equal(new[] { "198.51.100.7", "203.0.113.2" }, Values(plan.EntriesAfter));
    }

    [Fact]
    public void Sync_without_owned_extras_on_unnamed_types_only_adds()
    {
        var current = new[] { Unnamed("198.51.100.7") };
        var plan = Plan(current, AllowlistOperation.Sync, new[] { "203.0.113.2" }, named: false);
        Assert.Equal(new[] { "198.51.100.7", "203.0.113.2" }, Values(plan.EntriesAfter));
        Assert.Empty(plan.Removed);
    }

    [Fact]
    public void Sync_already_in_sync_has_no_changes()
    {
        var current = new[] { Named("astro-203-0-113-2", "203.0.113.2") };
        var plan = Plan(current, AllowlistOperation.Sync, new[] { "203.0.113.2" }, named: true);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void New_named_entries_get_unique_names_among_existing_ones()
    {
        // A hand-edited astro rule holds the name the new range would get.
        var current = new[] { Named("astro-203-0-113-1", "198.51.100.1") };
        var plan = Plan(current, AllowlistOperation.Add, new[] { "203.0.113.1" }, named: true);
        Assert.Equal("astro-203-0-113-1-2", Assert.Single(plan.AddedEntries).Name);
    }
}

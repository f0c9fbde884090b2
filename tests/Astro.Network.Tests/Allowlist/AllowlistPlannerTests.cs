using System.Text.Json.Nodes;
using Astro.Network.Engine.Allowlist;
using Xunit;

namespace Astro.Network.Tests.Allowlist;

/// <summary>The planner decides ownership for every type: only entries that record a source are that source's.</summary>
public class AllowlistPlannerTests
{
    private const string A = "cm5deploymenta00000000001";
    private const string B = "cm5deploymentb00000000002";

    /// <summary>An entry where a record keeps owners (Storage-like): owners as the record gives them.</summary>
    private static FirewallEntry Unnamed(string value, params string[] owners) =>
        FirewallEntry.FromText(value, null, new JsonObject { ["value"] = value }).WithOwners(owners);

    /// <summary>A SQL-like rule: the owner comes from its name, as the adapter reads it.</summary>
    private static FirewallEntry Named(string name, string value) =>
        FirewallEntry.FromText(value, name, new JsonObject { ["name"] = name, ["value"] = value }, owner: AstroRuleNaming.OwnerOfName(name, IpRange.TryParseLenient(value)));

    private static IReadOnlyList<OwnedRange> For(string owner, params string[] ips) => ips.Select(ip => new OwnedRange(IpRange.Parse(ip), owner)).ToList();

    private static AllowlistPlan Plan(IReadOnlyList<FirewallEntry> current, AllowlistOperation op, IReadOnlyList<OwnedRange> requested, bool named,
        bool adopt = false, bool anySource = false, params string[] alsoOwned) =>
        AllowlistPlanner.Plan(current, op, requested, alsoOwned.Select(IpRange.Parse).ToList(),
            new OwnershipRules { AdoptExisting = adopt, AnySource = anySource, SharedEntries = !named },
            (range, owner, siblings) => named
                ? FirewallEntry.FromText(range.ToString(), AstroRuleNaming.UniqueFor(range, owner, siblings.Select(s => s.Name)), JsonValue.Create(range.ToString())!, isNew: true, owner: owner)
                : FirewallEntry.FromText(range.ToString(), null, JsonValue.Create(range.ToString())!, isNew: true, owner: owner));

    private static string[] Values(IEnumerable<FirewallEntry> entries) => entries.Select(e => e.Value).ToArray();

    private static string[] Texts(IEnumerable<IpRange> ranges) => ranges.Select(r => r.ToString()).ToArray();

    [Fact]
    public void Add_keeps_existing_entries_as_read_and_appends_new_ones_owned_by_the_source()
    {
        var current = new[] { Unnamed("198.51.100.0/24"), Unnamed("'junk'"), Unnamed("203.0.113.1") };
        var plan = Plan(current, AllowlistOperation.Add, For(A, "203.0.113.1/32", "203.0.113.2", "192.0.2.0/24"), named: false);

        Assert.True(plan.HasChanges);
        Assert.Equal(new[] { "203.0.113.2", "192.0.2.0/24" }, Texts(plan.Added));
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.AlreadyPresent));
        Assert.Equal(new[] { "198.51.100.0/24", "'junk'", "203.0.113.1", "203.0.113.2", "192.0.2.0/24" }, Values(plan.EntriesAfter));
        Assert.Empty(plan.EntriesAfter[2].Owners);   // a person's entry is not claimed by being equal
        Assert.Equal(new[] { A }, plan.EntriesAfter[3].Owners);
    }

    [Fact]
    public void Add_of_an_ip_the_source_owns_has_no_changes()
    {
        var plan = Plan(new[] { Unnamed("203.0.113.1/32", A) }, AllowlistOperation.Add, For(A, "203.0.113.1"), named: false);
        Assert.False(plan.HasChanges);
        Assert.Empty(plan.Added);
    }

    [Fact]
    public void Add_is_exact_a_covering_network_does_not_count_as_present()
    {
        var plan = Plan(new[] { Unnamed("203.0.113.0/24") }, AllowlistOperation.Add, For(A, "203.0.113.1"), named: false);
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.Added));
    }

    [Fact]
    public void A_second_source_shares_a_recorded_entry_and_each_removal_keeps_it_for_the_other()
    {
        var add = Plan(new[] { Unnamed("203.0.113.1", A) }, AllowlistOperation.Add, For(B, "203.0.113.1"), named: false);
        Assert.False(add.FirewallChanged);
        Assert.True(add.HasChanges);   // the record gains B
        Assert.Equal(new[] { A, B }, add.EntriesAfter.Single().Owners);

        var removeA = Plan(add.EntriesAfter, AllowlistOperation.Remove, For(A, "203.0.113.1"), named: false);
        Assert.False(removeA.FirewallChanged);
        Assert.Equal(new[] { B }, removeA.EntriesAfter.Single().Owners);
        Assert.Contains(removeA.Kept, k => k.Contains(B));

        var removeB = Plan(removeA.EntriesAfter, AllowlistOperation.Remove, For(B, "203.0.113.1"), named: false);
        Assert.Equal(new[] { "203.0.113.1" }, Texts(removeB.Removed));
        Assert.Empty(removeB.EntriesAfter);
    }

    [Fact]
    public void On_named_types_a_second_source_gets_its_own_rule()
    {
        var current = new[] { Named("astro-" + A + "-203-0-113-1", "203.0.113.1") };
        var plan = Plan(current, AllowlistOperation.Add, For(B, "203.0.113.1"), named: true);
        Assert.Equal("astro-" + B + "-203-0-113-1", Assert.Single(plan.AddedEntries).Name);

        var removeA = Plan(plan.EntriesAfter, AllowlistOperation.Remove, For(A, "203.0.113.1"), named: true);
        Assert.Equal(new[] { "astro-" + B + "-203-0-113-1" }, removeA.EntriesAfter.Select(e => e.Name));
    }

    [Fact]
    public void Remove_never_removes_a_persons_entry_another_sources_entry_or_an_earlier_versions_rule()
    {
        var current = new[]
        {
            Named("office", "203.0.113.1"),
            Named("astro-" + B + "-203-0-113-2", "203.0.113.2"),
            Named("astro-203-0-113-3", "203.0.113.3"),
            Named("astro-" + A + "-203-0-113-4", "203.0.113.4"),
        };
        var plan = Plan(current, AllowlistOperation.Remove, For(A, "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "192.0.2.9"), named: true);

        Assert.Equal(new[] { "203.0.113.4" }, Texts(plan.Removed));
        Assert.Equal(new[] { "192.0.2.9" }, Texts(plan.NotPresent));
        Assert.Equal(3, plan.Kept.Count);
        Assert.Contains(plan.Kept, k => k.Contains("'office'") && k.Contains("not made by this module"));
        Assert.Contains(plan.Kept, k => k.Contains(B));
        Assert.Contains(plan.Kept, k => k.Contains("earlier version"));
    }

    [Fact]
    public void Remove_any_source_takes_every_astro_entry_but_still_not_a_persons()
    {
        var current = new[] { Named("office", "203.0.113.1"), Named("astro-" + B + "-203-0-113-1", "203.0.113.1"), Named("astro-203-0-113-1", "203.0.113.1") };
        var plan = Plan(current, AllowlistOperation.Remove, For(A, "203.0.113.1"), named: true, anySource: true);
        Assert.Equal(new[] { "office" }, plan.EntriesAfter.Select(e => e.Name));
    }

    [Fact]
    public void Sync_removes_only_the_sources_stale_entries_on_named_types()
    {
        var current = new[]
        {
            Named("office", "198.51.100.7"),
            Named("astro-office", "198.51.100.8"),
            Named("astro-" + A + "-203-0-113-1", "203.0.113.1"),
            Named("astro-" + A + "-203-0-113-2", "203.0.113.2"),
            Named("astro-" + B + "-203-0-113-9", "203.0.113.9"),
            Named("astro-203-0-113-5", "203.0.113.5"),
        };
        var plan = Plan(current, AllowlistOperation.Sync, For(A, "203.0.113.2", "203.0.113.3"), named: true);

        Assert.Equal(new[] { "203.0.113.3" }, Texts(plan.Added));
        Assert.Equal(new[] { "203.0.113.2" }, Texts(plan.AlreadyPresent));
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.Removed));
        Assert.Equal(new[] { "office", "astro-office", "astro-" + A + "-203-0-113-2", "astro-" + B + "-203-0-113-9", "astro-203-0-113-5", "astro-" + A + "-203-0-113-3" },
            plan.EntriesAfter.Select(e => e.Name));
    }

    [Fact]
    public void Sync_retires_the_sources_old_ip_on_record_types_without_previous_ip_address()
    {
        var current = new[] { Unnamed("198.51.100.7"), Unnamed("203.0.113.1", A), Unnamed("203.0.113.9", B), Unnamed("203.0.113.8", A, B) };
        var plan = Plan(current, AllowlistOperation.Sync, For(A, "203.0.113.2"), named: false);

        Assert.Equal(new[] { "203.0.113.2" }, Texts(plan.Added));
        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.Removed));
        Assert.Equal(new[] { "198.51.100.7", "203.0.113.9", "203.0.113.8", "203.0.113.2" }, Values(plan.EntriesAfter));
        Assert.Equal(new[] { B }, plan.EntriesAfter[2].Owners);   // shared with B: kept for B
    }

    [Fact]
    public void Previous_ip_address_overrides_for_unowned_entries_but_never_for_another_sources()
    {
        var current = new[] { Unnamed("203.0.113.1"), Unnamed("203.0.113.9", B), Unnamed("203.0.113.2", A) };
        var plan = Plan(current, AllowlistOperation.Sync, For(A, "203.0.113.2"), named: false, alsoOwned: new[] { "203.0.113.1", "203.0.113.9", "192.0.2.1" });

        Assert.Equal(new[] { "203.0.113.1" }, Texts(plan.Removed));
        Assert.Equal(new[] { "192.0.2.1" }, Texts(plan.NotPresent));
        Assert.Equal(new[] { "203.0.113.9", "203.0.113.2" }, Values(plan.EntriesAfter));
    }

    [Fact]
    public void Earlier_versions_rules_are_adopted_only_when_asked()
    {
        var current = new[] { Named("astro-203-0-113-1", "203.0.113.1"), Named("astro-203-0-113-7", "203.0.113.7") };
        var kept = Plan(current, AllowlistOperation.Sync, For(A, "203.0.113.1"), named: true);
        Assert.False(kept.HasChanges);

        var adopted = Plan(current, AllowlistOperation.Sync, For(A, "203.0.113.1"), named: true, adopt: true);
        Assert.Equal(new[] { "astro-" + A + "-203-0-113-1" }, adopted.EntriesAfter.Select(e => e.Name));
        Assert.Equal(new[] { "203.0.113.1", "203.0.113.7" }, Texts(adopted.Removed));
    }

    [Fact]
    public void Adopting_on_record_types_claims_unowned_entries_without_a_firewall_write()
    {
        var plan = Plan(new[] { Unnamed("203.0.113.1") }, AllowlistOperation.Add, For(A, "203.0.113.1"), named: false, adopt: true);
        Assert.False(plan.FirewallChanged);
        Assert.True(plan.HasChanges);
        Assert.Equal(new[] { A }, plan.EntriesAfter.Single().Owners);
        Assert.Contains(plan.OwnerChanges, c => c.Contains("adopted"));
    }

    [Fact]
    public void New_named_entries_get_unique_names_among_existing_ones()
    {
        var current = new[] { Named("astro-" + A + "-203-0-113-1", "198.51.100.1") };
        var plan = Plan(current, AllowlistOperation.Add, For(A, "203.0.113.1"), named: true);
        Assert.Equal("astro-" + A + "-203-0-113-1-2", Assert.Single(plan.AddedEntries).Name);
    }
}

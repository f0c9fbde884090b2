using Astro.Network.Engine;
using Astro.Network.Engine.Onboarding;
using Xunit;

namespace Astro.Network.Tests.Onboarding;

/// <summary>The onboarding file's checks, on the tree the cmdlets build from the PowerShell AST: every problem with its line and key.</summary>
public sealed class OnboardingReaderTests
{
    private const string Sub = "7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57";
    private const string Vault = $"/subscriptions/{Sub}/resourceGroups/rg-data/providers/Microsoft.KeyVault/vaults/kv-contoso-data";
    private const string Nsg = $"/subscriptions/{Sub}/resourceGroups/rg-data/providers/Microsoft.Network/networkSecurityGroups/nsg-contoso-data";
    private const string Identity = $"/subscriptions/{Sub}/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/uami-astro";
    private const string Vnet = $"/subscriptions/{Sub}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-hub";

    private static OnboardingNode Text(string value, int line) => OnboardingNode.Scalar(OnboardingNodeKind.Text, value, line);

    private static OnboardingNode Number(int value, int line) => OnboardingNode.Scalar(OnboardingNodeKind.Number, value.ToString(), line);

    private static OnboardingNode Map(int line, params (string Key, OnboardingNode Value)[] entries) =>
        OnboardingNode.Map(entries.Select(e => new KeyValuePair<string, OnboardingNode>(e.Key, e.Value)).ToList(), line);

    private static OnboardingNode List(int line, params OnboardingNode[] items) => OnboardingNode.List(items, line);

    private static OnboardingNode File(params (string Key, OnboardingNode Value)[] more) =>
        Map(1, new[] { ("Version", Number(1, 2)), ("Deployment", Text("etl", 3)) }.Concat(more).ToArray());

    private static IReadOnlyList<AstroNetworkException> Problems(OnboardingNode root)
    {
        OnboardingReader.Read(root, "/files/etl.psd1", out var problems);
        return problems;
    }

    [Fact]
    public void Reads_every_area_of_a_valid_file()
    {
        var spec = OnboardingReader.Read(File(
            ("Allowlist", List(4,
                Map(5, ("ResourceId", Text(Vault.ToUpperInvariant(), 5))),
                Map(6, ("ResourceId", Text(Nsg, 6)), ("Port", Number(443, 6))),
                Map(7, ("ResourceGroup", Text($"/subscriptions/{Sub}/resourceGroups/rg-data", 7)), ("Type", Text("microsoft.sql/servers", 7))),
                Map(8, ("Tag", Text("team=data", 8)), ("SubscriptionId", List(8, Text(Sub, 8)))))),
            ("Peering", Map(9, ("VirtualNetworkId", Text(Vnet, 9)), ("RoleMode", Text("networkcontributor", 9)))),
            ("WorkloadIdentity", Map(10, ("IdentityId", Text(Identity, 10)), ("Workload", List(10, Text("worker", 10)))))),
            "/files/etl.psd1", out var problems);

        Assert.Empty(problems);
        Assert.NotNull(spec);
        Assert.Equal("etl", spec!.Deployment);
        Assert.True(spec.SyncAllowlist);
        Assert.Equal(4, spec.Allowlist.Count);
        Assert.Equal("443", spec.Allowlist[1].Port);
        Assert.Equal("Microsoft.Sql/servers", Assert.Single(spec.Allowlist[2].Types));
        Assert.Equal(("team", "data"), (spec.Allowlist[3].TagName, spec.Allowlist[3].TagValue));
        Assert.Equal(PeeringRoleMode.NetworkContributor, spec.Peering!.RoleMode);
        Assert.Equal(new[] { "worker" }, spec.WorkloadIdentity!.Workloads);
    }

    [Theory]
    [InlineData("unknown key", "line 5, Allowlist[0].Prot: unknown key 'Prot'")]
    [InlineData("wrong type", "line 4, Allowlist[0]: expected a hashtable")]
    [InlineData("bad ID", "line 5, Allowlist[0].ResourceId: '/subscriptions/x'")]
    [InlineData("unsupported type", "line 5, Allowlist[0].ResourceId: ")]
    [InlineData("bad IP", "line 4, IpAddress[1]: ")]
    [InlineData("bad port", "line 5, Allowlist[0].Port: ")]
    public void Names_the_line_and_key_of_a_problem(string problem, string expected)
    {
        var root = problem switch
        {
            "unknown key" => File(("Allowlist", List(4, Map(5, ("ResourceId", Text(Vault, 5)), ("Prot", Text("Tcp", 5)))))),
            "wrong type" => File(("Allowlist", List(4, Text(Vault, 4)))),
            "bad ID" => File(("Allowlist", List(4, Map(5, ("ResourceId", Text("/subscriptions/x", 5)))))),
            "unsupported type" => File(("Allowlist", List(4, Map(5, ("ResourceId", Text(Identity, 5)))))),
            "bad IP" => File(("IpAddress", List(4, Text("192.0.2.10", 4), Text("192.0.2.300", 4)))),
            _ => File(("Allowlist", List(4, Map(5, ("ResourceId", Text(Nsg, 5)), ("Port", Text("https", 5)))))),
        };

        var error = Assert.Single(Problems(root));

        Assert.Equal("OnboardingFileInvalid", error.ErrorId);
        Assert.Equal(FailureKind.InvalidData, error.Kind);
        Assert.StartsWith("etl.psd1, " + expected, error.Message);
    }

    [Fact]
    public void Reports_every_problem_once_and_the_rules_between_keys()
    {
        var root = Map(1,
            ("Version", Text("one", 2)),
            ("Deployment", Text("etl", 3)),
            ("Cluster", Text("cm4azded000000000000000a1", 4)),
            ("Allowlist", List(5,
                Map(6, ("ResourceId", Text(Vault, 6)), ("Tag", Text("team=data", 6))),
                Map(7, ("ResourceId", Text(Vault, 7)), ("Type", Text("Microsoft.Sql/servers", 7))))),
            ("Colour", Text("blue", 8)));

        var messages = Problems(root).Select(p => p.Message).ToList();

        Assert.Equal(5, messages.Count);
        Assert.Contains(messages, m => m.StartsWith("etl.psd1, line 2, Version: expected an integer, found a string"));
        Assert.Contains(messages, m => m.Contains("line 1, Deployment: name exactly one of Deployment"));
        Assert.Contains(messages, m => m.Contains("line 6, Allowlist[0]: give exactly one of ResourceId, ResourceGroup and Tag"));
        Assert.Contains(messages, m => m.Contains("line 7, Allowlist[1]: Type and SubscriptionId select resources"));
        Assert.Contains(messages, m => m.Contains("line 8, Colour: unknown key 'Colour'"));
    }

    [Fact]
    public void Refuses_wildcards_a_missing_version_and_workload_identity_without_a_Deployment()
    {
        var root = Map(1,
            ("Cluster", Text("cm4azded000000000000000a1", 2)),
            ("WorkloadIdentity", Map(3, ("IdentityId", Text(Identity, 3)))));
        var messages = Problems(root).Select(p => p.Message).ToList();
        Assert.Contains(messages, m => m.Contains("line 1, Version: the key is required"));
        Assert.Contains(messages, m => m.Contains("line 3, WorkloadIdentity: workload identity trusts a Deployment"));

        var wildcard = Problems(Map(1, ("Version", Number(1, 2)), ("Deployment", Text("etl*", 3))));
        Assert.Contains("has a wildcard", Assert.Single(wildcard).Message);
    }
}

using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.Allowlist;
using Xunit;
using static Astro.Network.Tests.Allowlist.AdapterTestKit;

namespace Astro.Network.Tests.Allowlist;

/// <summary>AKS: whole-cluster PUT with If-Match on the eTag, no write to a busy or stopped cluster, egress IPs checked.</summary>
public class ManagedClusterAdapterTests
{
    private static readonly string Cluster = Id("Microsoft.ContainerService/managedClusters/clustername1");

    /// <summary>The 2026-05-01 Get example; its two effectiveOutboundIPs are seeded as public IPs unless <paramref name="outboundIps"/> is null.</summary>
    private static (FakeArmClient Arm, JsonObject Doc) Seed(Action<JsonObject>? change = null, string[]? outboundIps = null)
    {
        var arm = new FakeArmClient { UseETags = true };
        var doc = SpecExamples.ResponseBody("aks-ManagedClustersGet.json");
        change?.Invoke(doc);
        arm.Seed(Cluster, doc);
        var ids = (doc["properties"]?["networkProfile"]?["loadBalancerProfile"]?["effectiveOutboundIPs"] as JsonArray ?? new JsonArray()).Select(ip => Text(ip!["id"])!).ToList();
        for (var i = 0; i < ids.Count && outboundIps != null; i++)
        {
            arm.Seed(ids[i], new JsonObject { ["id"] = ids[i], ["properties"] = new JsonObject { ["ipAddress"] = outboundIps[i] } });
        }

        return (arm, doc);
    }

    private static Task<AllowlistChange> RunQuickly(FakeArmClient arm, string[] ips) =>
        new AllowlistService(arm, delay: (_, _) => Task.CompletedTask).ChangeAsync(new AllowlistRequest
        {
            ResourceId = Cluster,
            Operation = AllowlistOperation.Add,
            IpAddresses = ips,
            Force = true,   // the seed has no authorized range (open): these tests are about the write protocol, not that guard
        }, CancellationToken.None);

    [Fact]
    public async Task Puts_the_cluster_without_read_only_fields_and_with_if_match()
    {
        var (arm, doc) = Seed(outboundIps: new[] { "20.1.2.3", "20.1.2.4" });
        var etag = (await arm.GetAsync(Cluster, "x", default))!.ETag;
        arm.Calls.Clear();

        var change = await Run(arm, Cluster, AllowlistOperation.Add, new[] { "203.0.113.7" }, force: true);   // the seed is open: the guard is tested elsewhere

        var write = Assert.Single(arm.Writes);
        Assert.Equal(("PUT", "2026-05-01", etag), (write.Method, write.ApiVersion, write.IfMatch));
        var body = write.BodyJson;
        var properties = body["properties"]!.AsObject();
        Assert.Equal("[\"203.0.113.7/32\"]", properties["apiServerAccessProfile"]!["authorizedIPRanges"]!.ToJsonString());
        foreach (var readOnly in new[] { "provisioningState", "powerState", "maxAgentPools", "fqdn", "azurePortalFQDN", "currentKubernetesVersion" })
        {
            Assert.False(properties.ContainsKey(readOnly), readOnly);
        }

        Assert.False(body.ContainsKey("id"));
        Assert.False(body.ContainsKey("eTag"));
        Assert.False(properties["networkProfile"]!["loadBalancerProfile"]!.AsObject().ContainsKey("effectiveOutboundIPs"));
        Assert.Equal(Text(doc["location"]), Text(body["location"]));
        Assert.Equal(doc["properties"]!["agentPoolProfiles"]!.AsArray().Count, properties["agentPoolProfiles"]!.AsArray().Count);
        Assert.Contains(change.Warnings, w => w.Contains("admitted every address") || w.Contains("locked out"));
        Assert.Contains(change.Warnings, w => w.Contains("20.1.2.3, 20.1.2.4") && w.Contains("not in authorizedIPRanges"));
    }

    [Fact]
    public async Task A_change_made_between_our_read_and_write_is_kept_not_reverted()
    {
        var (arm, _) = Seed(d => d["properties"]!["apiServerAccessProfile"] = new JsonObject { ["authorizedIPRanges"] = new JsonArray("198.51.100.0/24") });
        var once = true;
        arm.BeforeWrite = call =>
        {
            if (!once || call.Method != "PUT")
            {
                return;
            }

            // Someone else adds a range after our read: a new eTag, so our If-Match PUT must get 412.
            once = false;
            var theirs = (JsonObject)arm.Document(Cluster)!.DeepClone();
            theirs["properties"]!["apiServerAccessProfile"]!["authorizedIPRanges"]!.AsArray().Add("192.0.2.0/24");
            arm.Seed(Cluster, theirs);
        };

        var change = await RunQuickly(arm, new[] { "203.0.113.7" });

        var puts = arm.Writes.ToList();
        Assert.Equal(2, puts.Count);
        Assert.NotEqual(puts[0].IfMatch, puts[1].IfMatch);
        var ranges = arm.Document(Cluster)!["properties"]!["apiServerAccessProfile"]!["authorizedIPRanges"]!.AsArray().Select(r => Text(r)).ToList();
        Assert.Equal(new[] { "198.51.100.0/24", "192.0.2.0/24", "203.0.113.7/32" }, ranges);
        Assert.True(change.Changed);
    }

    [Theory]
    [InlineData("Updating")]
    [InlineData("Upgrading")]
    public async Task Refuses_a_cluster_mid_operation_after_reading_again_with_zero_writes(string state)
    {
        var (arm, _) = Seed(d => d["properties"]!["provisioningState"] = state);

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => RunQuickly(arm, new[] { "203.0.113.7" }));

        Assert.Equal(("AksClusterBusy", FailureKind.ResourceBusy, (object?)Cluster), (ex.ErrorId, ex.Kind, ex.Target));
        Assert.Contains(state, ex.Message);
        Assert.Empty(arm.Writes);
        Assert.Equal(AllowlistService.DefaultMaxAttempts, arm.Calls.Count(c => c.Method == "GET" && c.Path == Cluster));
    }

    [Fact]
    public async Task A_failed_cluster_is_written_with_a_warning_since_a_put_is_how_aks_recovers_it()
    {
        var (arm, _) = Seed(d => d["properties"]!["provisioningState"] = "Failed");

        var change = await RunQuickly(arm, new[] { "203.0.113.7" });

        Assert.Single(arm.Writes);
        Assert.Contains(change.Warnings, w => w.Contains("provisioningState Failed") && w.Contains("reconcile"));
    }

    [Fact]
    public async Task Refuses_a_stopped_cluster_at_once_with_zero_writes()
    {
        var (arm, _) = Seed(d => d["properties"]!["powerState"] = new JsonObject { ["code"] = "Stopped" });

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => RunQuickly(arm, new[] { "203.0.113.7" }));

        Assert.Equal(("AksClusterStopped", FailureKind.ResourceBusy), (ex.ErrorId, ex.Kind));
        Assert.Empty(arm.Writes);
    }

    [Fact]
    public async Task A_busy_cluster_with_nothing_to_change_is_not_an_error()
    {
        var (arm, _) = Seed(d =>
        {
            d["properties"]!["provisioningState"] = "Updating";
            d["properties"]!["apiServerAccessProfile"] = new JsonObject { ["authorizedIPRanges"] = new JsonArray("203.0.113.7/32") };
        });

        var change = await RunQuickly(arm, new[] { "203.0.113.7" });

        Assert.False(change.Changed);
        Assert.Empty(arm.Writes);
    }

    [Theory]
    [InlineData(null, "could not be read")]
    [InlineData("udr", "userDefinedRouting")]
    public async Task Warns_when_the_egress_addresses_cannot_be_read(string? outbound, string expected)
    {
        var (arm, _) = Seed(d =>
        {
            if (outbound != null)
            {
                d["properties"]!["networkProfile"] = new JsonObject { ["outboundType"] = "userDefinedRouting" };
            }
        });

        var change = await Run(arm, Cluster, AllowlistOperation.Add, new[] { "203.0.113.7" }, force: true);   // the seed is open: the guard is tested elsewhere

        Assert.Contains(change.Warnings, w => w.Contains(expected));
    }

    [Fact]
    public async Task Private_cluster_is_refused_before_any_write()
    {
        var (arm, _) = Seed(d => d["properties"]!["apiServerAccessProfile"] = new JsonObject { ["enablePrivateCluster"] = true });

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => Run(arm, Cluster, AllowlistOperation.Add, new[] { "203.0.113.7" }));
        Assert.Equal("AksPrivateClusterNotSupported", ex.ErrorId);
        Assert.Empty(arm.Writes);
    }
}

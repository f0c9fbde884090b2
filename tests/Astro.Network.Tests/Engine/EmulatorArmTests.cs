using System.Text.Json.Nodes;
using Astro.Network.Emulator.Faults;
using Astro.Network.Engine;
using Astro.Network.Engine.AzureAccess;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Engine;

/// <summary>The ARM client against the emulator: reads, LRO writes with ETags, retries on injected faults, errors.</summary>
public sealed class EmulatorArmTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture fixture;
    private readonly RecordingLog log = new();

    public EmulatorArmTests(EmulatorFixture fixture)
    {
        this.fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
    }

    private async Task<AzureContext> ConnectAsync()
    {
        var b = fixture.Host.BaseUri;
        var signIn = await AzureSession.SignInAsync(new AzureSignInOptions
        {
            Method = AzureAuthMethod.ClientSecret,
            TenantId = (string)EmulatorScenario.Tenant["id"]!,
            ClientId = (string)EmulatorScenario.App["clientId"]!,
            ClientSecret = SecureStrings.FromPlain((string)EmulatorScenario.App["secret"]!),
            ResourceManagerUrl = b,
            GraphUrl = new Uri(b, "graph/"),
            AuthorityHost = b,
        }, log, FastSettings.Create(), CancellationToken.None);
        fixture.Host.ClearRequests();
        return signIn.CreateContext(log);
    }

    [Fact]
    public async Task Lists_all_subscriptions_following_next_links()
    {
        var arm = (await ConnectAsync()).Arm;

        var subscriptions = await arm.ListAsync("subscriptions", ApiVersions.Resources, CancellationToken.None);

        Assert.Equal(EmulatorScenario.Subscriptions.Select(s => (string)s["subscriptionId"]!).OrderBy(x => x),
            subscriptions.Select(s => (string)s["subscriptionId"]!).OrderBy(x => x));
    }

    [Fact]
    public async Task Put_then_delete_a_virtual_network_through_long_running_operations()
    {
        var arm = (await ConnectAsync()).Arm;
        var existing = (await arm.GetAsync(EmulatorScenario.VirtualNetworkId, ApiVersions.Network, false, CancellationToken.None))!;
        var id = EmulatorScenario.VirtualNetworkId + "-copy";
        var body = new JsonObject
        {
            ["location"] = existing.Object!["location"]!.DeepClone(),
            ["properties"] = new JsonObject { ["addressSpace"] = new JsonObject { ["addressPrefixes"] = new JsonArray("10.9.0.0/16") } },
        };

        var created = await arm.PutAsync(id, ApiVersions.Network, body, null, CancellationToken.None);
        var stale = await Assert.ThrowsAsync<AstroNetworkException>(() => arm.PutAsync(id, ApiVersions.Network, body, "W/\"stale\"", CancellationToken.None));
        var updated = await arm.PutAsync(id, ApiVersions.Network, body, created.ETag, CancellationToken.None);
        var deleted = await arm.DeleteAsync(id, ApiVersions.Network, null, CancellationToken.None);

        Assert.Equal("Succeeded", (string?)created.Object!["properties"]!["provisioningState"]);
        Assert.NotNull(created.ETag);
        Assert.Equal(("AzureConcurrentUpdate", 412), (stale.ErrorId, stale.Status));
        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.True(deleted);
        Assert.Null(await arm.GetAsync(id, ApiVersions.Network, true, CancellationToken.None));
        Assert.False(await arm.DeleteAsync(id, ApiVersions.Network, null, CancellationToken.None));
        Assert.Contains(fixture.Host.Requests, r => r.Url.Contains("/operations/", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Throttled_and_dropped_requests_are_retried()
    {
        var arm = (await ConnectAsync()).Arm;
        fixture.Host.Faults.Add(new FaultRule { Service = "arm", Method = "GET", PathContains = "virtualNetworks", Status = 429, RetryAfterSeconds = 1, Count = 1 });
        fixture.Host.Faults.Add(new FaultRule { Service = "arm", Method = "GET", PathContains = "virtualNetworks", DropConnection = true, Count = 1 });
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var vnet = await arm.GetAsync(EmulatorScenario.VirtualNetworkId, ApiVersions.Network, false, CancellationToken.None);

        Assert.Equal(200, vnet!.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"Retry-After not honoured: {watch.Elapsed}");
        Assert.Contains(log.Lines, l => l.Contains("-> 429"));
        Assert.Contains(log.Lines, l => l.Contains("failed after"));
    }

    [Fact]
    public async Task Missing_resource_group_and_resource_map_to_not_found_with_arm_codes()
    {
        var arm = (await ConnectAsync()).Arm;
        var vnet = Astro.Network.Engine.Rest.ResourceId.Parse(EmulatorScenario.VirtualNetworkId);
        var noGroup = $"/subscriptions/{vnet.SubscriptionId}/resourceGroups/rg-missing/providers/Microsoft.Network/virtualNetworks/x";

        var groupError = await Assert.ThrowsAsync<AstroNetworkException>(() => arm.GetAsync(noGroup, ApiVersions.Network, false, CancellationToken.None));
        var resourceError = await Assert.ThrowsAsync<AstroNetworkException>(() => arm.GetAsync(EmulatorScenario.VirtualNetworkId + "-none", ApiVersions.Network, false, CancellationToken.None));

        Assert.Equal(("AzureResourceNotFound", "ResourceGroupNotFound"), (groupError.ErrorId, groupError.ServiceCode));
        Assert.Equal(("AzureResourceNotFound", "ResourceNotFound", FailureKind.ObjectNotFound), (resourceError.ErrorId, resourceError.ServiceCode, resourceError.Kind));
        Assert.Contains("rg-missing", groupError.Message);
    }
}

using Astro.Network.Emulator.Faults;
using Astro.Network.Engine;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.PrivateLink;

/// <summary>Per supported type: the Pending connection Astronomer creates is listed, approved once, denied; others' connections stay.</summary>
public sealed class ConnectionApprovalTests(EmulatorFixture fixture) : PrivateLinkTestBase(fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    // What the emulator's Astronomer puts in the request message (see PrivateLinkTestBase.CreatePendingAsync).
    private static readonly PrivateEndpointTrust Astronomer = new() { ClusterId = Peering.PeeringTestKit.ClusterId("azure-dedicated") };

    // A decided connection keeps no request message: its requester is checked by subscription.
    private static readonly PrivateEndpointTrust BySubscription = new() { RequesterSubscriptionId = "00000000-0000-4000-8000-00000000a570" };

    [Theory]
    [MemberData(nameof(Types))]
    public async Task A_pending_connection_is_listed_then_approved_once(string type)
    {
        var resource = Resources[type];
        var service = await ServiceAsync();
        var name = await CreatePendingAsync(resource);

        var pending = Assert.Single(await service.ListAsync(resource.ResourceId, "Pending", None));
        Assert.Equal((name, "Pending", resource.ResourceId), (pending.Name, pending.Status, pending.ResourceId));
        Assert.Contains("/Microsoft.Network/privateEndpoints/", pending.PrivateEndpointId);

        var first = await service.SetStatusAsync(resource.ResourceId, pending.Name, approve: true, Astronomer, null, whatIf: false, None);
        Assert.Equal(("Pending", "Approved", true, "Approved by Astro.Network"),
            (first.StatusBefore, first.StatusAfter, first.Changed, first.Description));
        Assert.Equal(1, await WritesAsync("PUT"));
        var writes = await WritesAsync();

        var second = await service.SetStatusAsync(resource.ResourceId, pending.Name, approve: true, Astronomer, null, whatIf: false, None);
        Assert.Equal(("Approved", "Approved", false), (second.StatusBefore, second.StatusAfter, second.Changed));
        Assert.Equal(writes, await WritesAsync());

        var all = await service.ListAsync(resource.ResourceId, null, None);
        Assert.Equal("Approved", all.Single(c => c.Name == name).Status);
        var seeded = all.Single(c => c.Name == resource.SeededName);
        Assert.Equal(("Approved", "Approved by the Contoso network team"), (seeded.Status, seeded.Description));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Deny_rejects_a_pending_connection_and_leaves_the_others(string type)
    {
        var resource = Resources[type];
        var service = await ServiceAsync();
        var name = await CreatePendingAsync(resource);

        var change = await service.SetStatusAsync(resource.ResourceId, name, approve: false, null, "not ours", whatIf: false, None);

        Assert.Equal(("Deny", "Pending", "Rejected", true, "not ours"), (change.Action, change.StatusBefore, change.StatusAfter, change.Changed, change.Description));
        var all = await service.ListAsync(resource.ResourceId, null, None);
        var denied = all.Single(c => c.Name == name);
        Assert.Equal(("Rejected", "not ours"), (denied.Status, denied.Description));
        Assert.Equal("Approved", all.Single(c => c.Name == resource.SeededName).Status);
        Assert.Equal(new[] { resource.SeededName }, (await service.ListAsync(resource.ResourceId, "approved", None)).Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task WhatIf_plans_without_writing(string type)
    {
        var resource = Resources[type];
        var service = await ServiceAsync();
        var name = await CreatePendingAsync(resource);

        var approve = await service.SetStatusAsync(resource.ResourceId, name, approve: true, Astronomer, null, whatIf: true, None);
        var deny = await service.SetStatusAsync(resource.ResourceId, resource.SeededName, approve: false, null, null, whatIf: true, None);

        Assert.Equal(("Pending", "Approved", false, true), (approve.StatusBefore, approve.StatusAfter, approve.Changed, approve.WhatIf));
        Assert.Equal(("Approved", "Rejected", false), (deny.StatusBefore, deny.StatusAfter, deny.Changed));
        Assert.Equal(0, await WritesAsync());
        Assert.Equal("Pending", (await service.ListAsync(resource.ResourceId, null, None)).Single(c => c.Name == name).Status);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public async Task A_missing_connection_is_not_found(string type)
    {
        var resource = Resources[type];
        var service = await ServiceAsync();

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.SetStatusAsync(resource.ResourceId, "pe-nobody.0000", approve: true, Astronomer, null, whatIf: false, None));

        Assert.Equal(("PrivateEndpointConnectionNotFound", FailureKind.ObjectNotFound), (ex.ErrorId, ex.Kind));
        Assert.Contains("pe-nobody.0000", ex.Message);
        Assert.Equal(0, await WritesAsync());
    }

    [Theory]
    [InlineData("storage")] // refused before writing: Storage answers 400 (recording storage #22)
    [InlineData("sql")]     // refused before writing: PrivateEndpointConnectionStatusNotPending (SQL REST reference)
    [InlineData("eventhubs")] // written, and the service's refusal reported the same way
    public async Task A_rejected_connection_is_not_approvable_where_the_service_says_so(string type)
    {
        var resource = Resources[type];
        var service = await ServiceAsync();
        var name = await CreatePendingAsync(resource);
        await service.SetStatusAsync(resource.ResourceId, name, approve: false, null, null, whatIf: false, None);
        var puts = await WritesAsync("PUT");

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.SetStatusAsync(resource.ResourceId, name, approve: true, BySubscription, null, whatIf: false, None));

        Assert.Equal(("PrivateEndpointConnectionNotApprovable", FailureKind.InvalidOperation), (ex.ErrorId, ex.Kind));
        Assert.Equal(name, Assert.IsType<PrivateEndpointConnection>(ex.Target).Name);
        Assert.Equal(type == "eventhubs" ? puts + 1 : puts, await WritesAsync("PUT"));
    }

    [Fact]
    public async Task Key_vault_approves_a_rejected_connection_again()
    {
        var resource = Resources["keyvault"];
        var service = await ServiceAsync();
        var name = await CreatePendingAsync(resource);
        await service.SetStatusAsync(resource.ResourceId, name, approve: false, null, null, whatIf: false, None);

        var change = await service.SetStatusAsync(resource.ResourceId, name, approve: true, BySubscription, null, whatIf: false, None);

        Assert.Equal(("Rejected", "Approved", true), (change.StatusBefore, change.StatusAfter, change.Changed));
    }

    [Fact]
    public async Task A_stranger_is_refused_before_any_write_and_force_approves_with_a_warning()
    {
        var resource = Resources["storage"];
        var service = await ServiceAsync();
        var name = await CreatePendingAsync(resource);
        var stranger = new PrivateEndpointTrust { ClusterId = "cm4someoneelse0000000000" };

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.SetStatusAsync(resource.ResourceId, name, approve: true, stranger, null, whatIf: false, None));
        var nothing = await Assert.ThrowsAsync<AstroNetworkException>(() =>
            service.SetStatusAsync(resource.ResourceId, name, approve: true, null, null, whatIf: true, None));

        Assert.Equal(("PrivateEndpointRequesterNotTrusted", FailureKind.SecurityError), (ex.ErrorId, ex.Kind));
        Assert.Contains("trusts none by default", nothing.Message);
        Assert.Equal(0, await WritesAsync());
        var forced = await service.SetStatusAsync(resource.ResourceId, name, approve: true, new PrivateEndpointTrust { Force = true }, null, whatIf: false, None);
        Assert.True(forced.Changed);
        Assert.Contains(Log.Lines, l => l.Contains("without checking its requester"));
    }

    [Fact]
    public async Task A_concurrent_change_is_read_again_before_writing()
    {
        var resource = Resources["keyvault"];
        var service = await ServiceAsync();
        var name = await CreatePendingAsync(resource);
        Fixture.Host.Faults.Add(new FaultRule { Method = "PUT", PathContains = "/privateEndpointConnections/", Status = 412 });

        var change = await service.SetStatusAsync(resource.ResourceId, name, approve: true, Astronomer, null, whatIf: false, None);

        Assert.Equal(("Approved", true), (change.StatusAfter, change.Changed));
        Assert.Equal(2, await WritesAsync("PUT"));
        Assert.Contains(Log.Lines, l => l.Contains("changed since it was read"));
    }

    [Fact]
    public async Task Lists_follow_every_page()
    {
        var resource = Resources["keyvault"];
        var service = await ServiceAsync();
        var names = new List<string> { resource.SeededName };
        for (var i = 0; i < 4; i++)
        {
            names.Add(await CreatePendingAsync(resource));
        }

        var all = await service.ListAsync(resource.ResourceId, null, None);

        Assert.Equal(names.OrderBy(n => n), all.Select(c => c.Name).OrderBy(n => n));
        Assert.True(Fixture.Host.Requests.Count(r => r.Url.Contains("/privateEndpointConnections")) > 1, "the list should be paged");
    }

    [Fact]
    public async Task A_missing_resource_fails_with_azures_error()
    {
        var service = await ServiceAsync();
        var id = Resources["storage"].ResourceId + "nope";

        var ex = await Assert.ThrowsAsync<AstroNetworkException>(() => service.ListAsync(id, null, None));

        Assert.Equal((FailureKind.ObjectNotFound, 404), (ex.Kind, ex.Status));
    }
}

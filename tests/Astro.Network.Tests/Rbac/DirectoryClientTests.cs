using System.Text.Json.Nodes;
using Astro.Network.Emulator.Faults;
using Astro.Network.Engine;
using Astro.Network.Engine.Rbac;
using Astro.Network.Tests.Emulator;
using Xunit;

namespace Astro.Network.Tests.Rbac;

/// <summary>Service principals of Astronomer's multi-tenant app through the emulator's Graph.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class DirectoryClientTests : RbacEmulatorTestBase
{
    public DirectoryClientTests(EmulatorFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Creates_the_service_principal_once_then_finds_it_without_writing()
    {
        var directory = new DirectoryClient((await ConnectAsync()).Graph);

        var before = await directory.FindServicePrincipalAsync(AstronomerAppId, CancellationToken.None);
        var created = await directory.EnsureServicePrincipalAsync(AstronomerAppId, CancellationToken.None);
        await ClearRequestsAsync();
        var again = await directory.EnsureServicePrincipalAsync(AstronomerAppId, CancellationToken.None);

        Assert.Null(before);
        Assert.True(created.Created);
        Assert.Equal(AstronomerAppId, created.AppId);
        Assert.Equal(Fixture.Host.State.MultiTenantApps.Single().DisplayName, created.DisplayName);
        Assert.False(again.Created);
        Assert.Equal(created.ObjectId, again.ObjectId);
        Assert.Empty(await WritesAsync());
    }

    [Fact]
    public async Task A_conflict_on_create_reads_the_existing_principal()
    {
        var directory = new DirectoryClient((await ConnectAsync()).Graph);
        var tenant = Fixture.Host.State.Tenants.First().Id;
        var existing = Fixture.Host.State.AddServicePrincipal(tenant, AstronomerAppId, "Astronomer")!;
        // Another writer wins the race: the first look-up still misses it.
        Fixture.Host.Faults.Add(new FaultRule { Service = "graph", Method = "GET", PathContains = "servicePrincipals", Status = 404, Count = 1 });

        var found = await directory.EnsureServicePrincipalAsync(AstronomerAppId, CancellationToken.None);

        Assert.False(found.Created);
        Assert.Equal(existing.ObjectId, found.ObjectId);
        Assert.Contains(await SettledRequestsAsync(), r => r.Method == "POST" && r.Status == 409);
    }

    [Fact]
    public async Task A_caller_without_directory_rights_is_told_what_to_ask_for()
    {
        var directory = new DirectoryClient((await ConnectAsync(ReadOnlyApp)).Graph);

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() => directory.EnsureServicePrincipalAsync(AstronomerAppId, CancellationToken.None));

        Assert.Equal(("GraphDirectoryPermissionRequired", FailureKind.PermissionDenied, 403), (error.ErrorId, error.Kind, error.Status));
        Assert.Contains("Application.ReadWrite.All", error.Message);
        Assert.Contains("Cloud Application Administrator", error.Message);
        Assert.Contains("az ad sp create --id " + AstronomerAppId, error.Message);
        Assert.DoesNotContain(Fixture.Host.State.ServicePrincipalsIn(Fixture.Host.State.Tenants.First().Id), p => p.AppId == AstronomerAppId);
    }

    [Fact]
    public async Task A_refused_create_names_the_role_and_the_admin_command()
    {
        var directory = new DirectoryClient((await ConnectAsync()).Graph);
        Fixture.Host.Faults.Add(new FaultRule { Service = "graph", Method = "POST", PathContains = "servicePrincipals", Status = 403, Count = 1 });

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() => directory.EnsureServicePrincipalAsync(AstronomerAppId, CancellationToken.None));

        Assert.Equal(("GraphDirectoryPermissionRequired", FailureKind.PermissionDenied), (error.ErrorId, error.Kind));
        Assert.Contains("create the service principal of application " + AstronomerAppId, error.Message);
        Assert.Contains("Application Administrator", error.Message);
        Assert.Contains("az ad sp create --id " + AstronomerAppId, error.RecommendedAction);
    }

    [Fact]
    public async Task An_unknown_application_is_not_found()
    {
        var directory = new DirectoryClient((await ConnectAsync()).Graph);
        var unknown = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() => directory.EnsureServicePrincipalAsync(unknown, CancellationToken.None));

        Assert.Equal(("AstronomerAppNotFound", FailureKind.ObjectNotFound, "Request_BadRequest"), (error.ErrorId, error.Kind, error.ServiceCode));
        Assert.Contains(unknown, error.Message);
    }

    [Fact]
    public async Task An_app_id_that_is_not_a_guid_is_refused_before_any_request()
    {
        var directory = new DirectoryClient((await ConnectAsync()).Graph);

        var error = await Assert.ThrowsAsync<AstroNetworkException>(() => directory.FindServicePrincipalAsync("x') or (1 eq 1", CancellationToken.None));

        Assert.Equal(FailureKind.InvalidArgument, error.Kind);
        Assert.DoesNotContain((await SettledRequestsAsync()), r => r.Service == "graph");
    }
}

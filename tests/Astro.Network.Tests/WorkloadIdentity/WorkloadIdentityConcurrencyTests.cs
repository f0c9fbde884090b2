using Astro.Network.Tests.Peering;
using Astro.Network.Engine.WorkloadIdentity;
using Astro.Network.Tests.Emulator;
using Xunit;
using static Astro.Network.Tests.WorkloadIdentity.WorkloadIdentityTestKit;

namespace Astro.Network.Tests.WorkloadIdentity;

/// <summary>Entra refuses overlapping credential writes under one identity (409); two grants at once still both land.</summary>
public sealed class WorkloadIdentityConcurrencyTests : WorkloadIdentityTestBase
{
    public WorkloadIdentityConcurrencyTests(EmulatorFixture fixture)
        : base(fixture)
    {
    }

    [Fact]
    public async Task Two_grants_on_one_identity_at_once_are_refused_409_then_retried_and_both_land()
    {
        var settings = Fixture.Host.State.Settings;
        settings.FederatedCredentialWriteMs = 150;
        try
        {
            var etl = await FastRetryServiceAsync();
            var reporting = await FastRetryServiceAsync();

            var grants = await Task.WhenAll(
                etl.GrantAsync(EtlId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None),
                reporting.GrantAsync(ReportingId, IdentityId("uami-astro"), null, whatIf: false, CancellationToken.None));

            var refused = Fixture.Host.Requests.Count(r => r.Status == 409 && r.Url.Contains("/federatedIdentityCredentials/", StringComparison.OrdinalIgnoreCase));
            Assert.True(refused > 0, "the emulator never refused an overlapping write, so this test proves nothing");
            Assert.All(grants.SelectMany(g => g.Credentials), c => Assert.Contains(c.Status, new[] { "Created", "AlreadyExisted" }));
            Assert.All(grants.SelectMany(g => g.Credentials), c => Assert.NotNull(Stored(Fixture, "uami-astro", c.Name)));
        }
        finally
        {
            settings.FederatedCredentialWriteMs = 0;
        }
    }

    private async Task<WorkloadIdentityService> FastRetryServiceAsync()
    {
        var context = await PeeringTestKit.ConnectAsync(Fixture, Log);
        context.Azure.Settings.BusyRetryDelay = TimeSpan.FromMilliseconds(100);
        context.Azure.Settings.MaxRetries = 8;
        return new WorkloadIdentityService(context.Azure.Arm, context.Astro, Log);
    }
}

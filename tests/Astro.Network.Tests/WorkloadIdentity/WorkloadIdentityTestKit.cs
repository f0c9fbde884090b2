using System.Text.Json.Nodes;
using Astro.Network.Engine;
using Astro.Network.Engine.WorkloadIdentity;
using Astro.Network.Tests.Emulator;
using Astro.Network.Tests.Engine;
using Astro.Network.Tests.Peering;

namespace Astro.Network.Tests.WorkloadIdentity;

/// <summary>The workload identity service signed in to the emulator, and the scenario's identities and Deployments.</summary>
internal static class WorkloadIdentityTestKit
{
    public const string EtlId = "cm5etl00000000000000000d1";
    public const string ReportingId = "cm5rpt00000000000000000d2";
    public const string ClusterIssuer = "https://eastus2.oic.prod-aks.azure.com/b84efac8-cfae-467a-b223-23b9aea1486d/3075f79e-abc2-4602-a691-28117197e83d/";

    public static string IdentityId(string name) =>
        $"/subscriptions/{EmulatorFixture.SubscriptionId}/resourceGroups/rg-identity/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}";

    public static async Task<WorkloadIdentityService> ConnectAsync(EmulatorFixture fixture, IOperationLog log)
    {
        var context = await PeeringTestKit.ConnectAsync(fixture, log);
        return new WorkloadIdentityService(context.Azure.Arm, context.Astro, log);
    }

    /// <summary>The emulator's stored Deployment (changes last until the host is reset).</summary>
    public static JsonObject Deployment(EmulatorFixture fixture, string id) =>
        fixture.Host.State.Organizations.SelectMany(o => o.Deployments).Single(d => (string?)d["id"] == id);

    /// <summary>The names of the identity's stored credentials.</summary>
    public static IReadOnlyList<string> StoredNames(EmulatorFixture fixture, string identity) =>
        fixture.Host.State.Resources.List(IdentityId(identity), "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials")
            .Select(r => r.Id.Split('/').Last()).OrderBy(n => n, StringComparer.Ordinal).ToList();

    public static JsonObject? Stored(EmulatorFixture fixture, string identity, string name) =>
        fixture.Host.State.Resources.Get(IdentityId(identity) + "/federatedIdentityCredentials/" + name)?.Body;

    public static int ArmWrites(EmulatorFixture fixture) => PeeringTestKit.Writes(fixture);

    /// <summary>Writes a credential directly to the emulator's store (arranging state, not through the module).</summary>
    public static void Seed(EmulatorFixture fixture, string identity, string name, string issuer, string subject) =>
        fixture.Host.State.Resources.Put(IdentityId(identity) + "/federatedIdentityCredentials/" + name, new JsonObject
        {
            ["id"] = IdentityId(identity) + "/federatedIdentityCredentials/" + name,
            ["name"] = name,
            ["type"] = "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials",
            ["properties"] = new JsonObject { ["issuer"] = issuer, ["subject"] = subject, ["audiences"] = new JsonArray("api://AzureADTokenExchange") },
        });
}

/// <summary>Each test starts from the scenario as loaded, with no faults and a fresh log.</summary>
[Xunit.Collection(EmulatorCollection.Name)]
public abstract class WorkloadIdentityTestBase
{
    private protected WorkloadIdentityTestBase(EmulatorFixture fixture)
    {
        Fixture = fixture;
        fixture.Host.Reset();
        fixture.Host.Faults.Clear();
    }

    private protected EmulatorFixture Fixture { get; }

    private protected RecordingLog Log { get; } = new();

    private protected Task<WorkloadIdentityService> ServiceAsync() => WorkloadIdentityTestKit.ConnectAsync(Fixture, Log);
}

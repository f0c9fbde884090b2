using System.Text.Json.Nodes;
using Astro.Network.Emulator.Identity;
using Astro.Network.Tests.Emulator.Handlers;

namespace Astro.Network.Tests.Emulator.Rbac;

/// <summary>Microsoft.Authorization calls as the test scenario's principals, with the seeded IDs they are checked against.</summary>
public abstract class RbacTestBase(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    protected const string V = "?api-version=2022-04-01";
    protected const string Auth = "/providers/Microsoft.Authorization/";
    protected const string SubScope = "/" + Sub;
    protected const string DevScope = "/subscriptions/" + EmulatorFixture.SecondSubscriptionId;
    protected const string RgNetwork = SubScope + "/resourceGroups/rg-network";
    protected const string VnetHub = RgNetwork + "/providers/Microsoft.Network/virtualNetworks/vnet-hub";
    protected const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    protected const string Reader = "acdd72a7-3385-48ef-bd42-f606fba81ae7";
    protected const string NetworkContributor = "4d97b98b-1d4f-4787-a291-c67834d212e7";
    protected const string ReadonlyObjectId = "0a1b2c3d-4e5f-4607-9819-2a3b4c5d6e7f";
    protected const string UserObjectId = "9e8d7c6b-5a49-4382-b716-0f1e2d3c4b5a";
    protected const string DecoyName = "5eed0001-0000-4000-8000-000000000006";

    protected static readonly EmulatorPrincipal ReadonlyApp =
        new(ReadonlyObjectId, EmulatorFixture.TenantId, "8a9b0c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d", EmulatorPrincipal.App, "astro-network-readonly");

    protected Task<(HttpResponseMessage Response, JsonNode? Body)> SendAs(EmulatorPrincipal principal, HttpMethod method, string url, JsonNode? body = null) =>
        Fx.SendAsync(Client, method, url, Fx.Host.State.Tokens.Issue(principal, EmulatorFixture.ArmAudience, TimeSpan.FromHours(1)), body);

    protected static string RoleId(string guid, string scope = SubScope) => $"{scope}{Auth}roleDefinitions/{guid}";

    protected static string AssignmentUrl(string scope, string name) => $"{scope}{Auth}roleAssignments/{name}{V}";

    protected static JsonObject Assignment(string roleGuid, string principalId, string? principalType = "ServicePrincipal", string scope = SubScope)
    {
        var properties = new JsonObject { ["roleDefinitionId"] = RoleId(roleGuid, scope), ["principalId"] = principalId };
        if (principalType is not null)
        {
            properties["principalType"] = principalType;
        }
        return new JsonObject { ["properties"] = properties };
    }

    /// <summary>The Astronomer service principal, created as Graph would (subject to the replication delay).</summary>
    protected string AddAstronomerPrincipal() =>
        Fx.Host.State.AddServicePrincipal(EmulatorFixture.TenantId, "a67e6057-7138-4f78-bbaf-fd9db7b8aab0", "Astronomer")!.ObjectId;

    /// <summary>Waits out settings.principalReplicationDelayMs so the new principal is visible to ARM.</summary>
    protected async Task WaitForReplication(string objectId)
    {
        for (var i = 0; i < 100 && !Fx.Host.State.IsVisibleToArm(objectId); i++)
        {
            await Task.Delay(50);
        }
    }

    protected static string Filter(string filter) => "&$filter=" + Uri.EscapeDataString(filter);
}

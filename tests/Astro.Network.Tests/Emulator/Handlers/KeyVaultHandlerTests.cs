using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Astro.Network.Tests.Emulator.Handlers;

public sealed class KeyVaultHandlerTests(EmulatorFixture fx) : ArmHandlerTestBase(fx)
{
    private const string Version = "?api-version=2023-07-01";
    private const string Vault = Data + "Microsoft.KeyVault/vaults/kv-contoso-data" + Version;

    [Fact]
    public async Task Get_returns_the_vault_with_network_acls()
    {
        var vault = await GetOk(Vault);
        Assert.Equal("Microsoft.KeyVault/vaults", (string)vault["type"]!);
        Assert.Equal("https://kv-contoso-data.vault.azure.net/", (string)vault["properties"]!["vaultUri"]!);
        Assert.Equal(["198.51.100.7/32", "203.0.113.0/24"], Strings(vault["properties"]!["networkAcls"]!["ipRules"], "value"));
    }

    [Fact]
    public async Task Patch_is_synchronous_and_stores_a_bare_address_as_slash_32()
    {
        var acls = (await GetOk(Vault))["properties"]!["networkAcls"]!.DeepClone();
        acls["ipRules"]!.AsArray().Add(new JsonObject { ["value"] = "192.0.2.10" });
        var (response, body) = await Send(HttpMethod.Patch, Vault, new JsonObject { ["properties"] = new JsonObject { ["networkAcls"] = acls } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Azure-AsyncOperation"));
        Assert.Equal(["198.51.100.7/32", "203.0.113.0/24", "192.0.2.10/32"], Strings(body!["properties"]!["networkAcls"]!["ipRules"], "value"));
        var after = await GetOk(Vault);
        Assert.Equal(["198.51.100.7/32", "203.0.113.0/24", "192.0.2.10/32"], Strings(after["properties"]!["networkAcls"]!["ipRules"], "value"));
        Assert.Single(after["properties"]!["networkAcls"]!["virtualNetworkRules"]!.AsArray());
        Assert.True((bool)after["properties"]!["enableRbacAuthorization"]!);
    }

    [Fact]
    public async Task Put_of_the_whole_vault_as_read_replaces_its_properties_and_tags()
    {
        // The Azure CLI GETs the vault and PUTs it back with the new rule (recording keyvault/test_keyvault_network_rule.yaml 59-60).
        var vault = await GetOk(Vault);
        vault["properties"]!["networkAcls"]!["ipRules"]!.AsArray().Add(new JsonObject { ["value"] = "192.0.2.10/32" });
        vault["properties"]!.AsObject().Remove("enableRbacAuthorization");
        vault["tags"] = new JsonObject { ["owner"] = "az" };
        var (response, body) = await Send(HttpMethod.Put, Vault, vault);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await GetOk(Vault);
        Assert.Equal(body!.ToJsonString(), after.ToJsonString());
        Assert.Equal(["198.51.100.7/32", "203.0.113.0/24", "192.0.2.10/32"], Strings(after["properties"]!["networkAcls"]!["ipRules"], "value"));
        Assert.Null(after["properties"]!["enableRbacAuthorization"]);
        Assert.Equal("{\"owner\":\"az\"}", after["tags"]!.ToJsonString());
        await AssertError(Send(HttpMethod.Put, Data + "Microsoft.KeyVault/vaults/kv-missing" + Version, vault), HttpStatusCode.NotFound, "ResourceNotFound");
    }

    [Theory]
    [InlineData("""{"ipRules":[{"value":"not-an-ip"}]}""")]
    [InlineData("""{"ipRules":[{"value":"192.0.2.0/33"}]}""")]
    [InlineData("""{"bypass":"Everything"}""")]
    [InlineData("""{"defaultAction":"Block"}""")]
    public async Task Invalid_network_acls_are_refused(string acls)
    {
        await AssertError(Send(HttpMethod.Patch, Vault, new JsonObject { ["properties"] = new JsonObject { ["networkAcls"] = JsonNode.Parse(acls) } }),
            HttpStatusCode.BadRequest, "BadRequest");
        Assert.Equal(2, (await GetOk(Vault))["properties"]!["networkAcls"]!["ipRules"]!.AsArray().Count);
    }

    [Fact]
    public async Task Lists_by_subscription()
    {
        var vaults = await ListAll(Sub + "/providers/Microsoft.KeyVault/vaults" + Version);
        Assert.Contains(vaults, v => (string)v["name"]! == "kv-contoso-data");
    }
}

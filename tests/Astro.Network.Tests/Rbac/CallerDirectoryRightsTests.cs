using Astro.Network.Engine.Rbac;
using Xunit;

namespace Astro.Network.Tests.Rbac;

/// <summary>Reading a Graph token's claims for the right to create another publisher's service principal.</summary>
public sealed class CallerDirectoryRightsTests
{
    [Theory]
    [InlineData("""{"idtyp":"app","roles":["Application.ReadWrite.All"]}""", true)]
    [InlineData("""{"idtyp":"app","roles":["Directory.ReadWrite.All"]}""", true)]
    [InlineData("""{"idtyp":"app","roles":["Application.Read.All"]}""", false)]
    [InlineData("""{"idtyp":"app"}""", false)]
    [InlineData("""{"idtyp":"user","scp":"User.Read Application.ReadWrite.All","wids":["158c047a-c907-4556-b7ef-446551a6b5f7"]}""", true)]
    [InlineData("""{"scp":"Application.ReadWrite.All","wids":["9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"]}""", true)]
    [InlineData("""{"scp":"Application.ReadWrite.All","wids":["62E90394-69F5-4237-9190-012177145E10"]}""", true)]
    [InlineData("""{"idtyp":"user","scp":"Application.ReadWrite.All","wids":["b79fbf4d-3ef9-4689-8143-76b194e85509"]}""", false)]
    [InlineData("""{"idtyp":"user","scp":"User.Read","wids":["158c047a-c907-4556-b7ef-446551a6b5f7"]}""", false)]
    [InlineData("""{"idtyp":"user","roles":["Application.ReadWrite.All"]}""", false)]
    [InlineData("not json", false)]
    [InlineData("[]", false)]
    public void Needs_the_permission_and_for_users_an_admin_role(string claims, bool expected) =>
        Assert.Equal(expected, CallerDirectoryRights.CanCreateServicePrincipals(claims));

    [Fact]
    public void A_user_without_the_role_is_told_which_roles_would_do()
    {
        var (allowed, reason) = CallerDirectoryRights.Evaluate("""{"idtyp":"user","scp":"Application.ReadWrite.All","wids":[]}""");

        Assert.False(allowed);
        Assert.Contains("Cloud Application Administrator", reason);
    }
}

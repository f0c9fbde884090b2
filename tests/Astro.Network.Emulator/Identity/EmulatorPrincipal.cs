namespace Astro.Network.Emulator.Identity;

/// <summary>Who a token was issued to: an app (service principal), a user or a managed identity.</summary>
public sealed record EmulatorPrincipal(string ObjectId, string TenantId, string? AppId, string Kind, string? Name)
{
    public const string App = "app";
    public const string User = "user";
    public const string ManagedIdentity = "managedIdentity";
}

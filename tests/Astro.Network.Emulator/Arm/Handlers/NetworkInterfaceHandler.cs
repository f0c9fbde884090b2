namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/networkInterfaces (networkInterface.json 2024-01-01): GET and list only. The emulator's interfaces are
/// the ones private endpoints create (Azure manages those: they cannot be written directly).
/// </summary>
public sealed class NetworkInterfaceHandler : ArmResourceHandler
{
    public const string Type = "Microsoft.Network/networkInterfaces";
    public override string ResourceType => Type;
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01"];
    protected override bool BodyHasETag => true;
}

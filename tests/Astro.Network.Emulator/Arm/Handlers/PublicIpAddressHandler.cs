using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Network/publicIPAddresses (publicIpAddress.json, 2024-01-01), read only: GET/list of seeded addresses, as
/// an AKS cluster's effectiveOutboundIPs name them. Network resources carry an etag; a Standard static IP reports
/// provisioningState Succeeded and its ipAddress. Writes are not modelled (405).
/// </summary>
public sealed class PublicIpAddressHandler : ArmResourceHandler
{
    public override string ResourceType => "Microsoft.Network/publicIPAddresses";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-01-01"];
    protected override bool BodyHasETag => true;

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        body["sku"] ??= new JsonObject { ["name"] = "Standard", ["tier"] = "Regional" };
        var properties = Properties(body);
        properties["provisioningState"] ??= "Succeeded";
        properties["publicIPAddressVersion"] ??= "IPv4";
        properties["publicIPAllocationMethod"] ??= "Static";
        properties["idleTimeoutInMinutes"] ??= 4;
        return body;
    }
}

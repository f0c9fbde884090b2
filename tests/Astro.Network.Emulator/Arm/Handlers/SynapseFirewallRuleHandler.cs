using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Synapse/workspaces/firewallRules (firewallRule.json 2021-06-01): long-running PUT and DELETE (202 with
/// Azure-AsyncOperation and Location; the spec's final-state-via is location), rules read back with provisioningState.
/// The spec gives the rule name no pattern and its errors no codes: addresses must be IPv4 with end ≥ start (spec text) [inf: codes].
/// With public network access Disabled the rules are still accepted and not applied
/// (learn.microsoft.com/azure/synapse-analytics/security/connectivity-settings).
/// </summary>
public sealed class SynapseFirewallRuleHandler : ServerFirewallRuleHandler
{
    public override string ResourceType => "Microsoft.Synapse/workspaces/firewallRules";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2021-06-01"];
    protected override bool IsLongRunning => true;

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        Properties(body)["provisioningState"] ??= "Succeeded";
        return body;
    }

    protected override EmulatorResult? CheckName(string name) => null;

    protected override EmulatorResult NotIPv4(string field, string? value) =>
        ArmErrors.Error(400, "InvalidParameterValue", $"The {field} '{value}' of the firewall rule must be in IPv4 format.");

    protected override EmulatorResult InvalidRange(string start, string end) =>
        ArmErrors.Error(400, "InvalidParameterValue", $"The endIpAddress '{end}' must be greater than or equal to startIpAddress '{start}'.");
}

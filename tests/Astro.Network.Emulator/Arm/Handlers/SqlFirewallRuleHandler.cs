using System.Text.Json.Nodes;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Sql/servers/firewallRules (FirewallRules.json 2021-11-01): synchronous PUT (200 created and updated) and
/// DELETE (200, or 204 when absent), with the error codes the spec lists for PUT.
/// </summary>
public sealed class SqlFirewallRuleHandler : ServerFirewallRuleHandler
{
    /// <summary>Server-level IP firewall rules a logical server holds at most.</summary>
    public const int MaxRules = 256;

    private static readonly char[] ForbiddenNameCharacters = ['<', '>', '*', '%', '&', ':', '\\', '/', '?'];

    public override string ResourceType => "Microsoft.Sql/servers/firewallRules";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2021-11-01", "2020-11-01-preview"]; // 2020-11-01-preview: the Azure CLI 2.45
    protected override bool IsLongRunning => false;

    // Live Azure answers 200 for a new rule too, although the spec declares 201
    // (azure-recordings sql/test_sql_firewall_mgmt.yaml interactions 11 and 20).
    protected override int CreatedStatus => 200;

    protected override EmulatorResult? CheckName(string name) => name switch
    {
        { Length: > 128 } => Error("FirewallRuleNameTooLong", "The provided firewall rule name is too long"),
        _ when name.IndexOfAny(ForbiddenNameCharacters) >= 0 || name.EndsWith('.') =>
            Error("InvalidServerFirewallRuleResourceParameters", $"The server firewall rule resource parameter is invalid: name '{name}'."),
        _ => null,
    };

    protected override EmulatorResult NotIPv4(string field, string? value) =>
        Error("FirewallRuleNotIPv4Address", $"The provided firewall rule address is not IPv4: {field} '{value}'.");

    protected override EmulatorResult InvalidRange(string start, string end) =>
        Error("FirewallRuleInvalidRange", $"The specified firewall rule range is invalid: start '{start}' is greater than end '{end}'.");

    protected override EmulatorResult? CheckServer(JsonObject server, int ruleCount, bool creating)
    {
        // learn.microsoft.com/azure/azure-sql/database/connectivity-settings: with public access denied, firewall rule
        // changes fail with this message (error 42101) [inf: ARM code].
        if (JsonText.Of(server["properties"]?["publicNetworkAccess"]) == "Disabled")
        {
            return Error("DenyPublicEndpointEnabled",
                "Unable to create or modify firewall rules when public network interface for the server is disabled. To manage server or database level firewall rules, please enable the public network interface.");
        }
        return creating && ruleCount >= MaxRules
            ? Error("TooManyFirewallRules", "The provided firewall rules are over the limit.")
            : null;
    }

    private static EmulatorResult Error(string code, string message) => ArmErrors.Error(400, code, message);
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// Microsoft.Cache/redis/firewallRules (redis.json 2024-03-01): synchronous PUT (201 created, 200 updated) and DELETE
/// (200, or 204 when absent) of {startIP, endIP}, both required. Rules read back named "{cache}/{rule}" (the spec's examples
/// RedisCacheFirewallRuleGet/Create/List). Names take letters, digits and underscores only: a hyphen is refused
/// (hashicorp/terraform-provider-azurerm#2903, whose validation follows the service) [inf: code and message].
/// </summary>
public sealed partial class RedisFirewallRuleHandler : ServerFirewallRuleHandler
{
    public override string ResourceType => "Microsoft.Cache/redis/firewallRules";
    public override IReadOnlyCollection<string> ApiVersions { get; } = ["2024-03-01"];
    protected override bool IsLongRunning => false;
    protected override (string Start, string End) Fields => ("startIP", "endIP");

    public override JsonObject Present(StoredResource stored)
    {
        var body = base.Present(stored);
        var segments = stored.Id.Split('/');
        body["name"] = segments[^3] + "/" + segments[^1];
        return body;
    }

    protected override EmulatorResult? CheckName(string name) => RuleName().IsMatch(name) ? null
        : ArmErrors.Error(400, "InvalidRequestBody", $"The firewall rule name '{name}' is invalid: it can contain only letters, numbers and underscores.");

    protected override EmulatorResult NotIPv4(string field, string? value) =>
        ArmErrors.Error(400, "InvalidRequestBody", $"The {field} '{value}' is not a valid IPv4 address.");

    protected override EmulatorResult InvalidRange(string start, string end) =>
        ArmErrors.Error(400, "InvalidRequestBody", $"The startIP '{start}' must not be greater than the endIP '{end}'.");

    [GeneratedRegex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RuleName();
}

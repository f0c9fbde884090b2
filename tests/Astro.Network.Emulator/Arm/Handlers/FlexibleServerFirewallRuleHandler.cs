using System.Text.RegularExpressions;
using Astro.Network.Emulator.Hosting;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>
/// {flexibleServer}/firewallRules of PostgreSQL (FirewallRules.json 2022-12-01; PUT final-state-via azure-async-operation,
/// DELETE via location) and MySQL (Firewall/FirewallRules.json 2023-12-30): long-running PUT and DELETE (202), the name
/// checked against the spec's pattern. A server in private access (delegated subnet) still accepts the PUT, as the real
/// service did (Azure/azure-rest-api-specs#20616, "should fail" per the service team); the rules take no effect there.
/// </summary>
public sealed class FlexibleServerFirewallRuleHandler(string resourceType, string apiVersion, string namePattern, int deletedResultStatus = 204)
    : ServerFirewallRuleHandler
{
    private readonly Regex _namePattern = new(namePattern, RegexOptions.CultureInvariant);

    public static FlexibleServerFirewallRuleHandler PostgreSql() =>
        new("Microsoft.DBforPostgreSQL/flexibleServers/firewallRules", "2022-12-01", @"^[-\w\._]+$", deletedResultStatus: 200);

    /// <summary>No dots allowed in MySQL rule names.</summary>
    public static FlexibleServerFirewallRuleHandler MySql() =>
        new("Microsoft.DBforMySQL/flexibleServers/firewallRules", "2023-12-30", @"^[a-zA-Z0-9][-_a-zA-Z0-9]{0,79}(?<!-)$");

    public override string ResourceType => resourceType;
    public override IReadOnlyCollection<string> ApiVersions { get; } = [apiVersion];
    protected override bool IsLongRunning => true;

    /// <summary>PostgreSQL's DELETE operationResults URL answers 200 with no body (postgresql-flexible/test_postgres_flexible_server_proxy_resource.yaml · 45, 52).</summary>
    protected override int DeletedResultStatus => deletedResultStatus;

    protected override EmulatorResult? CheckName(string name) => _namePattern.IsMatch(name) ? null
        : ArmErrors.Error(400, "InvalidResourceName", $"The resource name '{name}' is invalid. It must match the pattern '{_namePattern}'.");

    protected override EmulatorResult NotIPv4(string field, string? value) =>
        ArmErrors.Error(400, "InvalidParameterValue",
            $"Invalid value given for parameter {char.ToUpperInvariant(field[0])}{field[1..]}. Specify a valid IPv4 address.");

    protected override EmulatorResult InvalidRange(string start, string end) =>
        ArmErrors.Error(400, "InvalidParameterValue", $"The start IP address '{start}' must be less than or equal to the end IP address '{end}'.");
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Astro.Network.Emulator.Arm.Handlers;

/// <summary>The request checks Network applies to a security rule PUT (SecurityRulePropertiesFormat, 2024-01-01).</summary>
public static partial class SecurityRuleValidator
{
    private const int MinPriority = 100;
    private const int MaxPriority = 4096;
    private const int MaxDescription = 140;
    private static readonly string[] Protocols = ["Tcp", "Udp", "Icmp", "Esp", "*", "Ah"];
    private static readonly string[] Accesses = ["Allow", "Deny"];
    private static readonly string[] Directions = ["Inbound", "Outbound"];

    /// <summary>The properties to store (enums in canonical case, no provisioningState), or a 400.</summary>
    public static JsonObject Validate(ArmRequestContext ctx, string name, JsonNode? input)
    {
        if (input is not JsonObject source)
        {
            throw Error(ctx, "InvalidRequestFormat", "Cannot parse the request: the security rule properties are missing.");
        }
        var properties = (JsonObject)source.DeepClone();
        properties.Remove("provisioningState");
        Canonical(ctx, properties, "protocol", Protocols);
        Canonical(ctx, properties, "access", Accesses);
        Canonical(ctx, properties, "direction", Directions);
        if (properties["priority"] is not JsonValue p || !p.TryGetValue(out int priority) || priority < MinPriority || priority > MaxPriority)
        {
            throw Error(ctx, "SecurityRuleInvalidPriority",
                $"Security rule {name} has invalid Priority. Value provided: {properties["priority"]?.ToJsonString() ?? "null"}. Allowed range {MinPriority}-{MaxPriority}.");
        }
        if (((string?)properties["description"])?.Length > MaxDescription)
        {
            throw Error(ctx, "SecurityRuleDescriptionTooLong", $"Security rule {name} has a description longer than {MaxDescription} characters.");
        }
        foreach (var side in new[] { "source", "destination" })
        {
            OneOf(ctx, name, properties, side + "AddressPrefix", side + "AddressPrefixes", "SecurityRuleInvalidAddressPrefix", "Address prefix",
                IsAddressPrefix, alternative: side + "ApplicationSecurityGroups");
            OneOf(ctx, name, properties, side + "PortRange", side + "PortRanges", "SecurityRuleInvalidPortRange", "Port range", IsPortRange, alternative: null);
        }
        CheckOneFamily(ctx, name, properties);
        return properties;
    }

    /// <summary>
    /// IPv4 and IPv6 prefixes never share a rule (source and destination together): 400
    /// ResourceCannotContainAddressPrefixesFromDifferentAddressFamilies, wording as quoted in
    /// hashicorp/terraform-provider-azurerm#12534 and Azure/AKS#3136 (the rule's name leads the message).
    /// </summary>
    private static void CheckOneFamily(ArmRequestContext ctx, string name, JsonObject properties)
    {
        var families = new[] { "sourceAddressPrefix", "destinationAddressPrefix" }
            .SelectMany(field => (properties[field + "es"] as JsonArray ?? []).Select(JsonText.Of).Append(JsonText.Of(properties[field])))
            .Select(IpText.Family).OfType<int>().Distinct().Count();
        if (families > 1)
        {
            throw Error(ctx, "ResourceCannotContainAddressPrefixesFromDifferentAddressFamilies",
                $"{name} contains IP addresses or prefixes that belong to different address families. All IP addresses or prefixes in the resource should belong to the same address family.");
        }
    }

    /// <summary>400 SecurityRuleConflict when another rule has the same priority and direction.</summary>
    public static void CheckConflict(ArmRequestContext ctx, string name, JsonObject properties, IEnumerable<JsonObject> others)
    {
        foreach (var other in others)
        {
            var o = other["properties"];
            if ((int?)o?["priority"] == (int?)properties["priority"]
                && string.Equals((string?)o?["direction"], (string?)properties["direction"], StringComparison.OrdinalIgnoreCase))
            {
                throw Error(ctx, "SecurityRuleConflict",
                    $"Security rule {name} conflicts with rule {other["name"]}. Rules cannot have the same Priority and Direction. To learn more, see aka.ms/nsgrules.");
            }
        }
    }

    private static void Canonical(ArmRequestContext ctx, JsonObject properties, string field, string[] allowed)
    {
        var value = JsonText.Of(properties[field]);
        var match = allowed.FirstOrDefault(a => a.Equals(value, StringComparison.OrdinalIgnoreCase))
            ?? throw Error(ctx, "InvalidRequestFormat",
                $"Cannot parse the request: properties.{field} is {(value is null ? "missing" : $"'{value}'")}; allowed values are {string.Join(", ", allowed)}.");
        properties[field] = match;
    }

    /// <summary>The single or the plural field (not both), every value valid; none is fine only when the alternative (ASGs) is set.</summary>
    private static void OneOf(ArmRequestContext ctx, string name, JsonObject properties, string single, string pluralName, string code, string what,
        Func<string, bool> valid, string? alternative)
    {
        var plural = properties[pluralName] as JsonArray;
        var hasSingle = properties[single] is JsonValue;
        var values = plural?.Select(JsonText.Of).ToList() ?? [];
        if (hasSingle)
        {
            values.Add((string?)properties[single]);
        }
        var viaAlternative = alternative is not null && properties[alternative] is JsonArray { Count: > 0 };
        if ((hasSingle && plural is { Count: > 0 }) || (values.Count == 0 && !viaAlternative) || values.Any(v => v is null || !valid(v)))
        {
            throw Error(ctx, code, $"Security rule {name} has invalid {what}. Value provided: {string.Join(",", values)}.");
        }
    }

    // Live Azure also takes a bare number ("789", "1234": network/test_network_nsg.yaml · 4, 14, 41), as .NET parses one as an IPv4 address.
    private static bool IsAddressPrefix(string value) =>
        value == "*" || IpText.IsAddressOrCidr(value, out _) || ServiceTag().IsMatch(value) || (value.Length > 0 && value.All(char.IsAsciiDigit));

    private static bool IsPortRange(string value)
    {
        if (value == "*")
        {
            return true;
        }
        var parts = value.Split('-');
        var ports = parts.Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        return parts.Length <= 2 && ports.All(n => n is >= 0 and <= 65535) && (ports.Length == 1 || ports[0] <= ports[1]);
    }

    private static ArmRequestException Error(ArmRequestContext ctx, string code, string message) => new(ctx.Error(400, code, message));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)?$")]
    private static partial Regex ServiceTag();
}

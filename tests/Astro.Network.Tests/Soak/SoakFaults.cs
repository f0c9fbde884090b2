using System.Text.Json.Nodes;
using Astro.Network.Emulator.Faults;

namespace Astro.Network.Tests.Soak;

/// <summary>The soak's fault mix on ARM: each kind drawn independently (seeded), about 20% of requests in all.</summary>
internal static class SoakFaults
{
    public const double PerKind = 0.035;
    public const double PerWriteKind = 0.08;
    public const double OperationFailure = 0.1;

    public static IEnumerable<FaultRule> Rules(int seed)
    {
        var busy = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "AnotherOperationInProgress",
                ["message"] = "Another operation on this or dependent resource is in progress. To retrieve status of the operation use uri: "
                    + "https://management.azure.com/subscriptions/7d3a1f42-5b8c-4e19-9f2d-1c6e8a4b0d57/providers/Microsoft.Network/locations/eastus/operations/"
                    + "8d4e6f2a-1b3c-4d5e-9f70-a1b2c3d4e5f6?api-version=2024-01-01.",
                ["details"] = new JsonArray(),
            },
        };
        // Write-only kinds get a higher chance: writes are about a quarter of the requests.
        var rules = new List<FaultRule>
        {
            new() { Status = 429, RetryAfterSeconds = 0, Probability = PerKind },   // Retry-After is honoured in full: 0 keeps the soak quick
            new() { Status = 500, Probability = PerKind },
            new() { Status = 503, Probability = PerKind },
            new() { DropConnection = true, Probability = PerKind },
            new() { DropConnection = true, AfterHandling = true, Probability = PerKind },
            new() { Method = "PUT", Status = 409, Body = busy, Probability = PerWriteKind },
            new() { Method = "PATCH", Status = 409, Body = busy.DeepClone(), Probability = PerWriteKind },
            new() { Method = "PUT", OperationFails = true, Probability = OperationFailure },
            new() { Method = "PATCH", OperationFails = true, Probability = OperationFailure },
        };
        foreach (var (rule, i) in rules.Select((r, i) => (r, i)))
        {
            rule.Service = "arm";
            rule.Seed = seed + i;
            yield return rule;
        }
    }
}

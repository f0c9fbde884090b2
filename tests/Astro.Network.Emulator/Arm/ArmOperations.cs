using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Astro.Network.Emulator.Arm;

/// <summary>One long-running operation: InProgress for a number of polls, then Succeeded (running its completion) or Failed.</summary>
public sealed class ArmOperation
{
    public string Id { get; } = Guid.NewGuid().ToString();
    public required string SubscriptionId { get; init; }
    public required string Namespace { get; init; }
    public required string Location { get; init; }

    /// <summary>What the Location URL answers with once done: a body (200) or null (<see cref="EmptyResultStatus"/>).</summary>
    public Func<JsonNode?>? FinalResult { get; init; }

    /// <summary>The Location URL's status when done without a body: 204 (Network), 200 (PostgreSQL).</summary>
    public int EmptyResultStatus { get; init; } = 204;

    /// <summary>Applied when the operation finishes (e.g. provisioningState Succeeded, or the actual delete).</summary>
    public Action? Complete { get; init; }

    /// <summary>Applied instead of <see cref="Complete"/> when the operation ends Failed (e.g. provisioningState Failed).</summary>
    public Action? Failed { get; init; }

    /// <summary>The resource the operation changes, when it finishes on its own once that resource is read (see <see cref="ArmOperations.FinishFor"/>).</summary>
    public string? ResourceId { get; init; }

    /// <summary>When set, the operation ends Failed with this error ({code,message}).</summary>
    public JsonObject? Error { get; init; }

    /// <summary>Status the Location URL answers a failed operation with.</summary>
    public int FailureStatusCode { get; init; } = 400;

    public DateTimeOffset StartTime { get; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? EndTime { get; private set; }
    public string Status { get; private set; } = "InProgress";

    /// <summary>The word the status URL reports while running (Cosmos DB: Dequeued); InProgress when null.</summary>
    public string? RunningStatus { get; init; }
    internal int PollsLeft { get; set; }

    internal void Advance()
    {
        if (Status != "InProgress" || --PollsLeft > 0)
        {
            return;
        }
        if (Error is null)
        {
            Complete?.Invoke();
        }
        else
        {
            Failed?.Invoke();
        }
        Status = Error is null ? "Succeeded" : "Failed";
        EndTime = DateTimeOffset.UtcNow;
    }
}

/// <summary>The running operations; each poll of either status URL advances the operation once.</summary>
public sealed class ArmOperations
{
    private readonly ConcurrentDictionary<string, ArmOperation> _operations = new(StringComparer.OrdinalIgnoreCase);

    public void Start(ArmOperation operation, int polls)
    {
        operation.PollsLeft = Math.Max(0, polls);
        if (operation.PollsLeft == 0)
        {
            operation.PollsLeft = 1;
            operation.Advance();
        }
        _operations[operation.Id] = operation;
    }

    /// <summary>
    /// Finishes every running operation on <paramref name="resourceId"/>: the service completes an operation whether or
    /// not the client polls (a client whose connection dropped never does), so a read must not find it running forever.
    /// </summary>
    public void FinishFor(string resourceId)
    {
        foreach (var op in _operations.Values.Where(o => o.Status == "InProgress" && string.Equals(o.ResourceId, resourceId, StringComparison.OrdinalIgnoreCase)))
        {
            lock (op)
            {
                op.PollsLeft = 1;
                op.Advance();
            }
        }
    }

    public ArmOperation? Find(string id) => _operations.TryGetValue(id, out var op) ? op : null;

    /// <summary>Advances the operation by one poll and returns it.</summary>
    public ArmOperation? Poll(string id)
    {
        var op = Find(id);
        if (op is not null)
        {
            lock (op)
            {
                op.Advance();
            }
        }
        return op;
    }

    public void Clear() => _operations.Clear();
}

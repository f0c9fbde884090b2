namespace Astro.Network.Emulator.Recording;

/// <summary>Thread-safe in-memory log of recorded exchanges.</summary>
public sealed class RequestLog
{
    private readonly object _sync = new();
    private readonly List<RecordedExchange> _items = [];

    public void Add(RecordedExchange exchange)
    {
        lock (_sync)
        {
            _items.Add(exchange);
        }
    }

    public IReadOnlyList<RecordedExchange> Snapshot()
    {
        lock (_sync)
        {
            return _items.ToArray();
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _items.Clear();
        }
    }
}

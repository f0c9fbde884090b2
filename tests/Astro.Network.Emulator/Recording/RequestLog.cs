using System.Text.Json;

namespace Astro.Network.Emulator.Recording;

/// <summary>Thread-safe in-memory log of recorded exchanges, optionally mirrored to a file that clearing leaves alone.</summary>
public sealed class RequestLog
{
    private readonly object _sync = new();
    private readonly List<RecordedExchange> _items = [];

    /// <summary>JSON-lines file receiving service, method, url and status of every exchange (tests clear the memory log).</summary>
    public string? MirrorPath { get; set; }

    public void Add(RecordedExchange exchange)
    {
        lock (_sync)
        {
            _items.Add(exchange);
            if (MirrorPath is not null)
            {
                var line = JsonSerializer.Serialize(new { time = exchange.Time, service = exchange.Service, method = exchange.Method, url = exchange.Url, status = exchange.Status, userAgent = exchange.UserAgent });
                File.AppendAllText(MirrorPath, line + "\n");
            }
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

namespace Astro.Network.Emulator.Faults;

/// <summary>Active fault rules, consulted in the order added, and counts of the faults injected per kind; thread-safe.</summary>
public sealed class FaultInjector
{
    private readonly object _sync = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<string, int> _injected = new(StringComparer.Ordinal);

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        lock (_sync)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>Removes every rule and zeroes the counts.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _rules.Clear();
            _injected.Clear();
        }
    }

    /// <summary>Rules not yet used up.</summary>
    public IReadOnlyList<FaultRule> Active
    {
        get
        {
            lock (_sync)
            {
                return _rules.ToArray();
            }
        }
    }

    /// <summary>Faults actually injected since the last clear, by <see cref="FaultRule.Kind"/>.</summary>
    public IReadOnlyDictionary<string, int> Injected
    {
        get
        {
            lock (_sync)
            {
                return new SortedDictionary<string, int>(_injected, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The rule that applies to this request (consuming one use), or null.</summary>
    public FaultRule? Take(string method, string pathAndQuery, string service)
    {
        lock (_sync)
        {
            foreach (var rule in _rules.Where(r => r.Matches(method, pathAndQuery, service)))
            {
                if (rule.Probability is { } p)
                {
                    if (rule.Draw(p))
                    {
                        return rule;
                    }
                    continue;
                }
                if (rule.Skip > 0)
                {
                    rule.Skip--;
                    continue;
                }
                if (--rule.Count == 0)
                {
                    _rules.Remove(rule);
                }
                return rule;
            }
            return null;
        }
    }

    internal void CountInjected(FaultRule rule)
    {
        lock (_sync)
        {
            _injected[rule.Kind] = _injected.GetValueOrDefault(rule.Kind) + 1;
        }
    }
}

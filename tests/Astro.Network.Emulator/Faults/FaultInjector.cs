namespace Astro.Network.Emulator.Faults;

/// <summary>Active fault rules, consulted in the order added; thread-safe.</summary>
public sealed class FaultInjector
{
    private readonly object _sync = new();
    private readonly List<FaultRule> _rules = [];

    public void Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Count < 1 || rule.Skip < 0)
        {
            throw new ArgumentException("A fault needs count >= 1 and skip >= 0.", nameof(rule));
        }
        lock (_sync)
        {
            _rules.Add(rule);
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _rules.Clear();
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

    /// <summary>The rule that applies to this request (consuming one use), or null.</summary>
    public FaultRule? Take(string method, string pathAndQuery, string service)
    {
        lock (_sync)
        {
            foreach (var rule in _rules.Where(r => r.Matches(method, pathAndQuery, service)))
            {
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
}

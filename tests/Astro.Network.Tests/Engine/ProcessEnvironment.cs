using Xunit;

namespace Astro.Network.Tests.Engine;

/// <summary>
/// Tests that change process environment variables run in this collection, one at a time, and restore the
/// variables afterwards (xunit runs other collections in parallel).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironment
{
    public const string Name = "Process environment";

    public static IDisposable Set(params (string Name, string? Value)[] variables)
    {
        var saved = variables.Select(v => (v.Name, Environment.GetEnvironmentVariable(v.Name))).ToList();
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        return new Restore(saved);
    }

    public static IDisposable Clear(params string[] names) => Set(names.Select(n => (n, (string?)null)).ToArray());

    private sealed class Restore(List<(string Name, string? Value)> saved) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Astro.Network.RuntimeHosts
{
    /// <summary>Runs named steps, prints PASS/FAIL/SKIP per step and renders the final machine-readable result.</summary>
    internal sealed class StepReport
    {
        private readonly IReadOnlyDictionary<string, string> _skips;
        private readonly List<(string Name, string Outcome, string Detail)> _steps = new List<(string, string, string)>();

        public StepReport(IReadOnlyDictionary<string, string> skips) => _skips = skips;

        public int Passed => _steps.Count(s => s.Outcome == "passed");

        public int Failed => _steps.Count(s => s.Outcome == "failed");

        public int Skipped => _steps.Count(s => s.Outcome == "skipped");

        /// <summary>A step passes when it returns; what it returns is printed as evidence. Any exception fails it.</summary>
        public void Run(string name, Func<string> step)
        {
            if (_skips.TryGetValue(name, out var reason))
            {
                Record(name, "skipped", reason);
                return;
            }
            try
            {
                Record(name, "passed", step());
            }
            catch (Exception ex)
            {
                Record(name, "failed", Describe(ex));
            }
        }

        private void Record(string name, string outcome, string detail)
        {
            _steps.Add((name, outcome, detail));
            var label = outcome == "passed" ? "PASS" : outcome == "failed" ? "FAIL" : "SKIP";
            Console.WriteLine($"  {label} {name}: {detail}");
        }

        /// <summary>The innermost useful message chain: reflection and task wrappers say nothing.</summary>
        private static string Describe(Exception ex)
        {
            var parts = new List<string>();
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is TargetInvocationException || (e is AggregateException && e.InnerException != null)) continue;
                parts.Add($"{e.GetType().Name}: {e.Message}");
            }
            return string.Join(" --> ", parts);
        }

        public string ToJson(string runtime, LoadedAssembly? systemTextJson)
        {
            var json = new StringBuilder("{");
            json.Append("\"host\":").Append(Quote(ExpectedRuntime.Label));
            json.Append(",\"runtime\":").Append(Quote(runtime));
            json.Append(",\"passed\":").Append(Passed).Append(",\"failed\":").Append(Failed).Append(",\"skipped\":").Append(Skipped);
            json.Append(",\"systemTextJson\":");
            if (systemTextJson == null) json.Append("null");
            else json.Append("{\"version\":").Append(Quote(systemTextJson.Version)).Append(",\"location\":").Append(Quote(systemTextJson.Location))
                    .Append(",\"context\":").Append(Quote(systemTextJson.Context)).Append('}');
            json.Append(",\"steps\":[");
            json.Append(string.Join(",", _steps.Select(s =>
                "{\"name\":" + Quote(s.Name) + ",\"outcome\":" + Quote(s.Outcome) + ",\"detail\":" + Quote(s.Detail) + "}")));
            return json.Append("]}").ToString();
        }

        private static string Quote(string? value)
        {
            if (value == null) return "null";
            var s = new StringBuilder("\"");
            foreach (var c in value)
            {
                if (c == '"' || c == '\\') s.Append('\\').Append(c);
                else if (c < ' ') s.Append("\\u").Append(((int)c).ToString("x4"));
                else s.Append(c);
            }
            return s.Append('"').ToString();
        }
    }

    internal sealed class LoadedAssembly
    {
        public LoadedAssembly(Assembly assembly)
        {
            Version = assembly.GetName().Version?.ToString() ?? "";
            Location = assembly.Location;
#if NETFRAMEWORK
            Context = "AppDomain (Desktop: no load contexts)";
#else
            var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(assembly);
            Context = context == null ? "(none)" : context.Name ?? context.GetType().FullName ?? "(unnamed)";
#endif
        }

        public string Version { get; }

        public string Location { get; }

        public string Context { get; }

        public override string ToString() => $"{Version} from {Location} in {Context}";
    }
}

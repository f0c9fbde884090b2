using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Astro.Network.Loading
{
    /// <summary>
    /// PowerShell 7: the engine loads into a private AssemblyLoadContext that resolves from Dependencies/.
    /// A framework assembly (on the runtime's trusted platform list) comes from the default context only when the
    /// runtime's copy satisfies the version asked for: .NET 10 serves System.Text.Json 10, but .NET 8 (PowerShell 7.4,
    /// Azure Automation) has 8.0 and would refuse a request for 10.0, so there the module's own copy is loaded.
    /// Kept in its own class so Windows PowerShell never JITs a method that names AssemblyLoadContext.
    /// </summary>
    internal static class CoreClrHook
    {
        private static EngineLoadContext? s_context;

        internal static void Register(string dependencyFolder)
        {
            s_context ??= new EngineLoadContext(dependencyFolder);
            AssemblyLoadContext.Default.Resolving += ResolveEngine;
        }

        internal static void Unregister() => AssemblyLoadContext.Default.Resolving -= ResolveEngine;

        private static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name) =>
            string.Equals(name.Name, DependencyResolver.EngineAssemblyName, StringComparison.Ordinal) && s_context != null
                ? s_context.LoadFromAssemblyName(name)
                : null;

        private sealed class EngineLoadContext : AssemblyLoadContext
        {
            private readonly string _folder;

            /// <summary>Simple name -> path of the runtime's copy; versions are read lazily, only for names we are asked for.</summary>
            private readonly Dictionary<string, string> _framework;

            internal EngineLoadContext(string folder)
            {
                _folder = folder;
                _framework = FrameworkAssemblies();
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                if (assemblyName.Name == null) return null;
                var privateCopy = Path.Combine(_folder, assemblyName.Name + ".dll");
                if (_framework.TryGetValue(assemblyName.Name, out var runtimeCopy)
                    && (RuntimeSatisfies(runtimeCopy, assemblyName.Version) || !File.Exists(privateCopy)))
                {
                    return null;   // the default context's copy: one System.Text.Json, one DiagnosticSource for the process
                }

                return File.Exists(privateCopy) ? LoadFromAssemblyPath(privateCopy) : null;
            }

            private static bool RuntimeSatisfies(string runtimePath, Version? requested)
            {
                if (requested == null) return true;
                try
                {
                    return AssemblyName.GetAssemblyName(runtimePath).Version >= requested;
                }
                catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException)
                {
                    return false;
                }
            }

            private static Dictionary<string, string> FrameworkAssemblies()
            {
                var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
                foreach (var path in tpa.Split(Path.PathSeparator))
                {
                    if (path.Length > 0) names[Path.GetFileNameWithoutExtension(path)] = path;
                }
                return names;
            }
        }
    }
}

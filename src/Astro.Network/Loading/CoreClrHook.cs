using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Astro.Network.Loading
{
    /// <summary>
    /// PowerShell 7: the engine loads into a private AssemblyLoadContext that resolves from Dependencies/.
    /// A framework assembly (on the runtime's trusted platform list) comes from the default context unless the module's
    /// copy is newer: .NET 10 serves System.Text.Json 10, but .NET 8 (PowerShell 7.4, Azure Automation) has 8.0 while
    /// the engine asks for 10.0, so there the module's copy is loaded. The choice is made per assembly name, never per
    /// request: MSAL asks for System.Text.Json 6.0, which .NET 8's copy would satisfy, and answering that request from
    /// the runtime would put two System.Text.Json (and two JavaScriptEncoder types) behind the engine: MissingMethodException
    /// on .NET 8 at managed-identity sign-in (tests/RuntimeHosts).
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
                if (!File.Exists(privateCopy)) return null;
                if (_framework.TryGetValue(assemblyName.Name, out var runtimeCopy) && VersionOf(runtimeCopy) >= VersionOf(privateCopy))
                {
                    return null;   // the runtime's copy, shared with the process, satisfies every request ours would
                }

                return LoadFromAssemblyPath(privateCopy);
            }

            private static Version VersionOf(string path)
            {
                try
                {
                    return AssemblyName.GetAssemblyName(path).Version ?? new Version();
                }
                catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException)
                {
                    return new Version();
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

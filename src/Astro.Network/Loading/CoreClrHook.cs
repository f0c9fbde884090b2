using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace Astro.Network.Loading
{
    /// <summary>
    /// PowerShell 7: the engine loads into a private AssemblyLoadContext that resolves from Dependencies/.
    /// Framework assemblies (the runtime's trusted platform list) still come from the default context, so
    /// netstandard polyfills shipped beside Azure.Core never shadow the runtime's own types.
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
            private readonly HashSet<string> _framework;

            internal EngineLoadContext(string folder)
            {
                _folder = folder;
                _framework = FrameworkAssemblyNames();
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                if (assemblyName.Name == null || _framework.Contains(assemblyName.Name)) return null;
                var path = Path.Combine(_folder, assemblyName.Name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }

            private static HashSet<string> FrameworkAssemblyNames()
            {
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
                foreach (var path in tpa.Split(Path.PathSeparator))
                {
                    if (path.Length > 0) names.Add(Path.GetFileNameWithoutExtension(path));
                }
                return names;
            }
        }
    }
}

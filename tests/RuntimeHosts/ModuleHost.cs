using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Astro.Network.RuntimeHosts
{
    /// <summary>
    /// Loads the built module as PowerShell loads a binary module: Import-Module does Assembly.LoadFrom of the
    /// manifest's RootModule (Astro.Network.dll) into the default load context (Windows PowerShell: the LoadFrom
    /// context of the AppDomain). The engine is then reached the way the cmdlets reach it: by the assembly reference
    /// compiled into Astro.Network.dll, which the runtime cannot find beside it and so asks the module's resolver.
    /// </summary>
    internal sealed class ModuleHost
    {
        private const string EngineName = "Astro.Network.Engine";
        private readonly string _directory;
        private Assembly? _cmdlets;

        public ModuleHost(string directory) => _directory = directory;

        public string DependencyFolder => Path.Combine(_directory, "Dependencies");

        public Assembly Engine { get; private set; } = null!;

        public LoadedAssembly? SystemTextJson { get; private set; }

        public string LoadCmdletAssembly()
        {
            _cmdlets = Assembly.LoadFrom(Path.Combine(_directory, "Astro.Network.dll"));
#if !NETFRAMEWORK
            var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(_cmdlets);
            if (context != System.Runtime.Loader.AssemblyLoadContext.Default) throw new InvalidOperationException($"Loaded into {context}, not the default context.");
#endif
            return new LoadedAssembly(_cmdlets).ToString();
        }

        /// <summary>
        /// Runs the module initializer ([ModuleInitializer] DependencyResolver.Register) exactly as the runtime does on the
        /// first touch of the assembly's code; in PowerShell that touch is Import-Module creating ModuleLifetime, a type
        /// this host cannot create (it implements a System.Management.Automation interface). Running the initializer,
        /// not calling Register by reflection, proves the compiled initializer is wired up.
        /// </summary>
        public string RunModuleInitializer()
        {
            RuntimeHelpers.RunModuleConstructor(Cmdlets.ManifestModule.ModuleHandle);
            var resolver = Cmdlets.GetType("Astro.Network.Loading.DependencyResolver", throwOnError: true)!;
            var registered = (bool)resolver.GetField("s_registered", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
            if (!registered) throw new InvalidOperationException("The module initializer ran but the resolver is not registered.");
            return "DependencyResolver registered by the module initializer";
        }

        public string ResolveEngine()
        {
            var reference = Cmdlets.GetReferencedAssemblies().Single(n => n.Name == EngineName);
            Engine = Assembly.Load(reference);
            ExpectFromDependencies(Engine);
#if !NETFRAMEWORK
            if (System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(Engine) == System.Runtime.Loader.AssemblyLoadContext.Default)
            {
                throw new InvalidOperationException("The engine is in the default context: it is not isolated.");
            }
#endif
            return $"{reference.FullName} -> {new LoadedAssembly(Engine)}";
        }

        /// <summary>
        /// The System.Text.Json the engine is bound to, found the way the runtime finds it for the engine's own reference.
        /// It must satisfy the version the engine was compiled against (else the first JSON call fails with a FileLoadException).
        /// </summary>
        public string CheckSystemTextJson()
        {
            var reference = Engine.GetReferencedAssemblies().Single(n => n.Name == "System.Text.Json");
#if NETFRAMEWORK
            var bound = Assembly.Load(reference);
#else
            var bound = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(Engine)!.LoadFromAssemblyName(reference);
#endif
            SystemTextJson = new LoadedAssembly(bound);
            if (bound.GetName().Version < reference.Version)
            {
                throw new InvalidOperationException($"The engine asks for {reference.Version} but got {SystemTextJson}.");
            }
            return $"engine asks for {reference.Version}, got {SystemTextJson}";
        }

        /// <summary>
        /// Every reference between the module's loaded assemblies to a name shipped in Dependencies/ binds to one and the same
        /// assembly: two copies of a name (two System.Text.Json, two JavaScriptEncoder types) fail at run time with
        /// MissingMethodException or InvalidCastException, often far from the load.
        /// </summary>
        public string CheckOneCopyPerName()
        {
            var shipped = new HashSet<string>(Directory.GetFiles(DependencyFolder, "*.dll").Select(Path.GetFileNameWithoutExtension)!, StringComparer.OrdinalIgnoreCase);
            var bound = new Dictionary<string, HashSet<Assembly>>(StringComparer.OrdinalIgnoreCase);
            var references = 0;
            foreach (var assembly in LoadedModuleAssemblies())
            {
                foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name != null && shipped.Contains(r.Name)))
                {
                    if (!bound.TryGetValue(reference.Name!, out var copies)) bound[reference.Name!] = copies = new HashSet<Assembly>();
                    copies.Add(Bind(reference));
                    references++;
                }
            }
            var split = bound.Where(b => b.Value.Count > 1).Select(b => $"{b.Key}: {string.Join(" and ", b.Value.Select(a => new LoadedAssembly(a)))}").ToList();
            if (split.Count > 0) throw new InvalidOperationException("More than one copy bound: " + string.Join("; ", split));
            return $"{references} references to {bound.Count} shipped names, one copy each";
        }

#if NETFRAMEWORK
        private IEnumerable<Assembly> LoadedModuleAssemblies() => AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && Path.GetFullPath(a.Location).StartsWith(Path.GetFullPath(DependencyFolder), StringComparison.Ordinal));

        private static Assembly Bind(AssemblyName reference) => Assembly.Load(reference);
#else
        private IEnumerable<Assembly> LoadedModuleAssemblies() => System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(Engine)!.Assemblies.ToList();

        private Assembly Bind(AssemblyName reference) => System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(Engine)!.LoadFromAssemblyName(reference);
#endif

        private Assembly Cmdlets => _cmdlets ?? throw new InvalidOperationException("The module is not loaded.");

        private void ExpectFromDependencies(Assembly assembly)
        {
            var folder = Path.GetFullPath(DependencyFolder) + Path.DirectorySeparatorChar;
            if (!Path.GetFullPath(assembly.Location).StartsWith(folder, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{assembly.GetName().Name} came from {assembly.Location}, not from {folder}.");
            }
        }
    }
}

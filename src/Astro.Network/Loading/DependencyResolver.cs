using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Astro.Network.Loading
{
    /// <summary>
    /// Makes the engine and its dependencies (Azure.Core, Azure.Identity, MSAL...) load from the module's
    /// Dependencies folder without colliding with other modules' copies (Az.Accounts brings its own).
    /// Runs as a module initializer, before PowerShell reflects over any cmdlet that names an engine type.
    /// </summary>
    internal static class DependencyResolver
    {
        internal const string EngineAssemblyName = "Astro.Network.Engine";

        internal static string DependencyFolder { get; } =
            Path.Combine(Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? ".", "Dependencies");

        private static bool s_registered;

        [ModuleInitializer]
        internal static void Register()
        {
            if (s_registered) return;
            s_registered = true;
            if (IsCoreClr)
            {
                RegisterCoreClr();
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveOnDesktop;
            }
        }

        internal static void Unregister()
        {
            if (!s_registered) return;
            s_registered = false;
            if (IsCoreClr) UnregisterCoreClr();
            else AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnDesktop;
        }

        // Out of line so that compiling Register/Unregister never loads CoreClrHook: Mono loads a called class and its
        // fields' types (AssemblyLoadContext, absent there) when it compiles the caller (tests/RuntimeHosts, net472 host).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void RegisterCoreClr() => CoreClrHook.Register(DependencyFolder);

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void UnregisterCoreClr() => CoreClrHook.Unregister();

        private static bool IsCoreClr => Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader") != null
            && !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static readonly Dictionary<string, Assembly> s_desktopLoaded = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);

        // Windows PowerShell 5.1: no load contexts; answer only for files that are ours, whatever version was asked for
        // (MSAL asks for System.Text.Json 6.0, the engine for 10.0: both get the one copy shipped). One instance per name,
        // kept here rather than trusting LoadFile to return the same Assembly for the same file on every resolve.
        private static Assembly? ResolveOnDesktop(object? sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name ?? string.Empty;
            var path = Path.Combine(DependencyFolder, name + ".dll");
            if (!File.Exists(path)) return null;
            lock (s_desktopLoaded)
            {
                if (!s_desktopLoaded.TryGetValue(name, out var assembly)) s_desktopLoaded[name] = assembly = Assembly.LoadFile(path);
                return assembly;
            }
        }
    }

    /// <summary>Hooks the module import/remove events so a Remove-Module unhooks the resolver.</summary>
    public sealed class ModuleLifetime : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport() => DependencyResolver.Register();
        public void OnRemove(PSModuleInfo psModuleInfo) => DependencyResolver.Unregister();
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Runtime.InteropServices;

namespace Astro.Network.RuntimeHosts
{
    /// <summary>
    /// Usage: Astro.Network.RuntimeHost --module DIR --emulator URL --storage ID --vnet ID --deployment NAME [--result FILE] [--skip STEP=REASON]...
    /// Azure sign-in takes IDENTITY_ENDPOINT/IDENTITY_HEADER and ASTRO_AZURE_* from the environment, as a runbook does.
    /// Prints one line per step and a final "RESULT {json}"; exits 1 when any step failed or none passed.
    /// </summary>
    internal static class Program
    {
        private static int Main(string[] args)
        {
            var options = Options.Parse(args);
            var report = new StepReport(options.Skips);
            Console.WriteLine($"Runtime host {ExpectedRuntime.Label} on {RuntimeInformation.FrameworkDescription}");

            report.Run("runtime", () => ExpectedRuntime.Check());
            report.Run("emulator-reset", () => ResetEmulator(options.Emulator));
            var module = new ModuleHost(options.ModuleDirectory);
            report.Run("load-module", module.LoadCmdletAssembly);
            report.Run("module-initializer", module.RunModuleInitializer);
            report.Run("resolve-engine", module.ResolveEngine);
            var engine = new EngineDriver(module, options);
            report.Run("astro-sign-in", engine.ConnectAstro);
            report.Run("astro-deployments", engine.ListDeployments);
            report.Run("azure-managed-identity", engine.ConnectAzureWithManagedIdentity);
            report.Run("allowlist-add", engine.AddAllowlist);
            report.Run("allowlist-verify", engine.VerifyAllowlist);
            report.Run("peering-grant", engine.GrantPeering);
            report.Run("peering-revoke", engine.RevokePeering);
            report.Run("system-text-json", module.CheckSystemTextJson);
            report.Run("one-copy-per-name", module.CheckOneCopyPerName);

            var json = report.ToJson(RuntimeInformation.FrameworkDescription, module.SystemTextJson);
            Console.WriteLine("RESULT " + json);
            if (options.ResultFile != null) File.WriteAllText(options.ResultFile, json);
            return report.Failed == 0 && report.Passed > 0 ? 0 : 1;
        }

        /// <summary>Each host starts from the seeded scenario, so its writes are real writes; also the first TLS check.</summary>
        private static string ResetEmulator(Uri emulator)
        {
            using var client = new HttpClient();
            using var response = client.PostAsync(new Uri(emulator, "_emulator/reset"), new StringContent("")).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
            return $"POST _emulator/reset -> {(int)response.StatusCode}";
        }
    }

    internal sealed class Options
    {
        public string ModuleDirectory { get; private set; } = "";
        public Uri Emulator { get; private set; } = null!;
        public string StorageId { get; private set; } = "";
        public string VirtualNetworkId { get; private set; } = "";
        public string Deployment { get; private set; } = "";
        public string? ResultFile { get; private set; }
        public Dictionary<string, string> Skips { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

        public static Options Parse(string[] args)
        {
            var o = new Options();
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                var value = args[i + 1];
                switch (args[i])
                {
                    case "--module": o.ModuleDirectory = Path.GetFullPath(value); break;
                    case "--emulator": o.Emulator = new Uri(value.EndsWith("/", StringComparison.Ordinal) ? value : value + "/"); break;
                    case "--storage": o.StorageId = value; break;
                    case "--vnet": o.VirtualNetworkId = value; break;
                    case "--deployment": o.Deployment = value; break;
                    case "--result": o.ResultFile = value; break;
                    case "--skip":
                        var at = value.IndexOf('=');
                        o.Skips[at < 0 ? value : value.Substring(0, at)] = at < 0 ? "skipped" : value.Substring(at + 1);
                        break;
                    default: throw new ArgumentException("Unknown option " + args[i]);
                }
            }
            if (o.ModuleDirectory.Length == 0 || o.Emulator == null || o.StorageId.Length == 0 || o.VirtualNetworkId.Length == 0 || o.Deployment.Length == 0)
            {
                throw new ArgumentException("--module, --emulator, --storage, --vnet and --deployment are required.");
            }
            return o;
        }
    }

    /// <summary>Which runtime this build of the host must run on: a self-contained 8/9 app, or the .NET Framework build under Mono.</summary>
    internal static class ExpectedRuntime
    {
#if NET9_0
        public const string Label = "net9.0";
        private const string Prefix = ".NET 9.";
#elif NET8_0
        public const string Label = "net8.0";
        private const string Prefix = ".NET 8.";
#else
        public const string Label = "net472";
        private const string Prefix = "";
#endif

        public static string Check()
        {
            var description = RuntimeInformation.FrameworkDescription;
#if NETFRAMEWORK
            var ok = description.StartsWith(".NET Framework 4.", StringComparison.Ordinal) || description.StartsWith("Mono ", StringComparison.Ordinal);
#else
            var ok = description.StartsWith(Prefix, StringComparison.Ordinal);
#endif
            if (!ok) throw new InvalidOperationException($"Built for {Label} but running on {description}.");
            return description;
        }
    }
}

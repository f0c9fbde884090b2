using System;
using System.Collections;
using System.Linq;
using System.Reflection;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace Astro.Network.RuntimeHosts
{
    /// <summary>
    /// Drives the engine end to end through the same public services the cmdlets call (see src/Astro.Network/Commands),
    /// by name and reflection only. Each method is one step: it throws on failure and returns evidence on success.
    /// </summary>
    internal sealed class EngineDriver
    {
        private const string Namespace = "Astro.Network.Engine.";
        private readonly ModuleHost _module;
        private readonly Options _options;
        private object? _log;
        private string[] _ips = new string[0];

        public EngineDriver(ModuleHost module, Options options)
        {
            _module = module;
            _options = options;
        }

        private object Log => _log ??= OperationLog.Create(Type("IOperationLog"));

        public string ConnectAstro()
        {
            var token = new SecureString();
            foreach (var c in "astro-test-token") token.AppendChar(c);
            var info = Await(Call("AstroSession", "ConnectAsync", token, "org-test", new Uri(_options.Emulator, "v1"), Log, CancellationToken.None));
            Expect(Get(info, "OrganizationId") as string == "org-test", "signed in to org-test", info);
            return info.ToString()!;
        }

        public string ListDeployments()
        {
            var service = Activator.CreateInstance(Type("AstroService"), Log)!;
            var deployments = ((IEnumerable)Await(Invoke(service, "GetDeploymentsAsync", null, null, null, CancellationToken.None))).Cast<object>().ToList();
            var deployment = deployments.FirstOrDefault(d => (string)Get(d, "Name")! == _options.Deployment);
            Expect(deployment != null, $"deployment '{_options.Deployment}' listed", string.Join(", ", deployments.Select(d => Get(d, "Name"))));
            var ips = (IEnumerable)Await(Invoke(service, "GetExternalIpsAsync", Get(deployment!, "Id"), null, CancellationToken.None));
            _ips = ips.Cast<object>().Select(ip => (string)Get(ip, "IpAddress")!).ToArray();
            Expect(_ips.Length > 0, "the deployment has external IPs", "none");
            return $"{deployments.Count} deployments; {_options.Deployment} egress {string.Join(", ", _ips)}";
        }

        /// <summary>Managed identity as in Azure Automation: IDENTITY_ENDPOINT/IDENTITY_HEADER come from the environment.</summary>
        public string ConnectAzureWithManagedIdentity()
        {
            // The emulator is a custom cloud: its endpoint variables apply only with Environment Custom, as Connect-AstroAzure -Environment Custom does.
            var options = New("AzureSignInOptions", ("Method", Enum.Parse(Type("AzureAuthMethod"), "ManagedIdentity")), ("Environment", "Custom"));
            var info = Await(Call("AzureSession", "ConnectAsync", options, Log, CancellationToken.None));
            Expect(Get(info, "AuthMethod") as string == "ManagedIdentity", "signed in with the managed identity", info);
            return info.ToString()!;
        }

        public string AddAllowlist()
        {
            var invocation = New("AllowlistInvocation", ("Action", Enum.Parse(Type("AllowlistAction"), "Add")),
                ("ResourceIds", new[] { _options.StorageId }), ("IpAddresses", _ips));
            var change = SingleValue(Await(Call("AllowlistEngine", "ChangeAsync", invocation, Log, CancellationToken.None)));
            var added = (string[])Get(change, "Added")!;
            Expect(added.Length == _ips.Length && (bool)Get(change, "Changed")!, "every IP added in one write", change);
            return change.ToString()!;
        }

        public string VerifyAllowlist()
        {
            var result = SingleValue(Await(Call("AllowlistEngine", "TestAsync", new[] { _options.StorageId }, _ips, null, null, 8, Log, CancellationToken.None)));
            Expect((bool)Get(result, "Allowed")!, "the storage account allows every IP", result);
            return result.ToString()!;
        }

        public string GrantPeering()
        {
            var request = New("PeeringGrantRequest", ("VirtualNetworkId", _options.VirtualNetworkId));
            var grants = ((IEnumerable)Await(Call("PeeringEngine", "GrantAsync", request, Log, CancellationToken.None))).Cast<object>().ToList();
            Expect(grants.Count == 3 && grants.All(g => (bool)Get(g, "Changed")!), "Network Contributor assigned at the three scopes", string.Join("; ", grants));
            return string.Join("; ", grants);
        }

        public string RevokePeering()
        {
            var request = New("PeeringRevokeRequest", ("VirtualNetworkId", _options.VirtualNetworkId));
            var revocations = ((IEnumerable)Await(Call("PeeringEngine", "RevokeAsync", request, Log, CancellationToken.None))).Cast<object>().ToList();
            var removed = revocations.Sum(r => ((string[])Get(r, "RemovedAssignmentIds")!).Length);
            Expect(removed == 3, "the three assignments removed", string.Join("; ", revocations));
            return string.Join("; ", revocations);
        }

        private Type Type(string name) => _module.Engine.GetType(Namespace + name, throwOnError: true)!;

        private object New(string type, params (string Property, object Value)[] properties)
        {
            var instance = Activator.CreateInstance(Type(type))!;
            foreach (var (property, value) in properties) instance.GetType().GetProperty(property)!.SetValue(instance, value);
            return instance;
        }

        private object Call(string type, string method, params object?[] args) => InvokeMethod(Type(type), null, method, args);

        private static object Invoke(object target, string method, params object?[] args) => InvokeMethod(target.GetType(), target, method, args);

        private static object InvokeMethod(Type type, object? target, string method, object?[] args)
        {
            // Trailing optional parameters the caller leaves out take their defaults, as in a compiled call.
            var candidates = type.GetMethods().Where(m => m.Name == method && m.GetParameters().Length >= args.Length
                && m.GetParameters().Skip(args.Length).All(p => p.IsOptional)).ToList();
            if (candidates.Count != 1) throw new MissingMethodException(type.FullName, $"{method} with {args.Length} parameters");
            var parameters = candidates[0].GetParameters();
            var all = args.Concat(parameters.Skip(args.Length).Select(p => p.DefaultValue)).ToArray();
            return candidates[0].Invoke(target, all)!;
        }

        /// <summary>Waits for an engine Task and returns its Result; a failure rethrows the engine's own exception.</summary>
        private static object Await(object task)
        {
            ((Task)task).GetAwaiter().GetResult();
            return task.GetType().GetProperty("Result")!.GetValue(task)!;
        }

        /// <summary>The one ResourceOutcome of a single-resource call: its value, or its error thrown.</summary>
        private static object SingleValue(object outcomes)
        {
            var outcome = ((IEnumerable)outcomes).Cast<object>().Single();
            if (Get(outcome, "Error") is Exception error) throw error;
            return Get(outcome, "Value")!;
        }

        private static object? Get(object instance, string property) => instance.GetType().GetProperty(property)!.GetValue(instance);

        private static void Expect(bool condition, string what, object? actual)
        {
            if (!condition) throw new InvalidOperationException($"Expected {what}; got {actual}");
        }
    }
}

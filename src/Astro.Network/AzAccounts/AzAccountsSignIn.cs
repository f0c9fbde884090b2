using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine;

namespace Astro.Network.AzAccounts
{
    /// <summary>
    /// The Az.Accounts context of this PowerShell session as a host sign-in: Get-AzContext and Get-AzAccessToken run
    /// in-session on the pipeline thread (no new process, no second login). Only a module already loaded counts:
    /// looking it up never auto-loads Az.Accounts.
    /// </summary>
    internal sealed class AzAccountsSignIn : IAzureHostSignIn
    {
        private const string ModuleName = "Az.Accounts";
        private readonly IPipelineThread pipeline;

        public AzAccountsSignIn(IPipelineThread pipeline)
        {
            this.pipeline = pipeline;
        }

        public Task<AzureHostContext?> GetContextAsync(CancellationToken ct) => pipeline.Invoke(ReadContext);

        public Task<AzureHostToken> GetTokenAsync(string resourceUrl, string? tenantId, CancellationToken ct) =>
            pipeline.Invoke(() => ReadToken(resourceUrl, tenantId));

        private static AzureHostContext? ReadContext()
        {
            var command = FindCommand("Get-AzContext");
            var context = command == null ? null : Invoke(command, new Dictionary<string, object>()).FirstOrDefault(o => o != null);
            var account = Property(context, "Account", "Id");
            if (account == null)
            {
                return null;
            }

            return new AzureHostContext
            {
                Account = account,
                TenantId = Property(context, "Tenant", "Id"),
                SubscriptionId = Property(context, "Subscription", "Id"),
                Environment = Property(context, "Environment", "Name"),
            };
        }

        private static AzureHostToken ReadToken(string resourceUrl, string? tenantId)
        {
            var command = FindCommand("Get-AzAccessToken")
                ?? throw new InvalidOperationException($"{ModuleName} is no longer loaded in this session.");
            var parameters = new Dictionary<string, object> { ["ResourceUrl"] = resourceUrl };
            if (!string.IsNullOrEmpty(tenantId)) parameters["TenantId"] = tenantId!;
            // Az.Accounts 2.17-4.x return the token as text unless asked; 5+ always return a SecureString.
            if (command.Parameters.ContainsKey("AsSecureString")) parameters["AsSecureString"] = SwitchParameter.Present;
            var result = Invoke(command, parameters).FirstOrDefault(o => o != null)
                ?? throw new InvalidOperationException($"Get-AzAccessToken returned nothing for {resourceUrl}.");
            var token = result.Properties["Token"]?.Value switch
            {
                SecureString secure => new NetworkCredential(string.Empty, secure).Password,
                PSObject { BaseObject: SecureString secure } => new NetworkCredential(string.Empty, secure).Password,
                string text => text,
                _ => null,
            };
            if (string.IsNullOrEmpty(token))
            {
                throw new InvalidOperationException($"Get-AzAccessToken returned no token for {resourceUrl}.");
            }

            var expires = LanguagePrimitives.TryConvertTo(result.Properties["ExpiresOn"]?.Value, out DateTimeOffset on)
                ? on
                : DateTimeOffset.UtcNow.AddMinutes(10); // no expiry given: ask again soon rather than use a dead token
            return new AzureHostToken(token!, expires);
        }

        private static CommandInfo? FindCommand(string name)
        {
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            var module = ps.AddCommand("Get-Module").AddParameter("Name", ModuleName).Invoke<PSModuleInfo>()
                .OrderByDescending(m => m.Version).FirstOrDefault();
            return module != null && module.ExportedCommands.TryGetValue(name, out var command) ? command : null;
        }

        // Errors and warnings stay in the nested pipeline's streams: Az's deprecation warnings are not ours to show.
        private static IReadOnlyList<PSObject> Invoke(CommandInfo command, Dictionary<string, object> parameters)
        {
            // By module-qualified name: a FunctionInfo added directly runs outside its module's scope ($script: lost).
            using var ps = PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddCommand(ModuleName + "\\" + command.Name).AddParameters(parameters);
            var results = ps.Invoke();
            if (results.Count == 0 && ps.Streams.Error.Count > 0)
            {
                throw new InvalidOperationException($"{command.Name}: {ps.Streams.Error[0].Exception.Message}");
            }

            return results;
        }

        private static string? Property(PSObject? value, string name, string child)
        {
            var inner = value?.Properties[name]?.Value;
            var text = inner == null ? null : PSObject.AsPSObject(inner).Properties[child]?.Value?.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }
    }
}

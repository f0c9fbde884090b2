using System;
using System.Collections.Generic;
using System.Linq;

namespace Astro.Network.Engine.AzureAccess
{
    /// <summary>Endpoints and token audiences of one Azure cloud; a Custom one points at any ARM/Graph/Entra (e.g. the emulator).</summary>
    internal sealed class AzureCloudEnvironment
    {
        public const string ArmUrlVariable = "ASTRO_AZURE_ARM_URL";
        public const string GraphUrlVariable = "ASTRO_AZURE_GRAPH_URL";
        public const string AuthorityHostVariable = "ASTRO_AZURE_AUTHORITY_HOST";
        /// <summary>The cloud of sign-ins that have no -Environment (no Connect-AstroAzure: runbooks, the Az.Accounts context).</summary>
        public const string EnvironmentVariable = "ASTRO_AZURE_ENVIRONMENT";
        public const string PublicArmAudience = "https://management.azure.com/";
        public const string PublicGraphAudience = "https://graph.microsoft.com";

        private static readonly Dictionary<string, AzureCloudEnvironment> Known = new[]
        {
            new AzureCloudEnvironment("AzureCloud", "https://management.azure.com/", PublicArmAudience, "https://graph.microsoft.com/", PublicGraphAudience, "https://login.microsoftonline.com/", false),
            new AzureCloudEnvironment("AzureUSGovernment", "https://management.usgovcloudapi.net/", "https://management.usgovcloudapi.net/", "https://graph.microsoft.us/", "https://graph.microsoft.us", "https://login.microsoftonline.us/", false),
            new AzureCloudEnvironment("AzureChinaCloud", "https://management.chinacloudapi.cn/", "https://management.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn/", "https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn/", false),
        }.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);

        public AzureCloudEnvironment(string name, string armUrl, string armAudience, string graphUrl, string graphAudience, string authorityHost, bool isCustom)
        {
            Name = name;
            ResourceManagerUrl = new Uri(armUrl);
            ArmAudience = armAudience;
            GraphUrl = new Uri(graphUrl);
            GraphAudience = graphAudience;
            AuthorityHost = new Uri(authorityHost);
            IsCustom = isCustom;
        }

        public string Name { get; }
        public Uri ResourceManagerUrl { get; }
        public string ArmAudience { get; }
        public Uri GraphUrl { get; }
        public string GraphAudience { get; }
        public Uri AuthorityHost { get; }
        /// <summary>Custom authorities are unknown to Entra's instance discovery, so it is switched off for them.</summary>
        public bool IsCustom { get; }

        public string ArmScope => ArmAudience.TrimEnd('/') + "/.default";

        public string GraphScope => GraphAudience.TrimEnd('/') + "/.default";

        /// <summary>
        /// A known cloud by name, or Custom from the options' URLs or, for those not given, ASTRO_AZURE_ARM_URL /
        /// ASTRO_AZURE_GRAPH_URL / ASTRO_AZURE_AUTHORITY_HOST. The variables count only with an explicit Custom
        /// (-Environment Custom, or ASTRO_AZURE_ENVIRONMENT=Custom for sign-ins without Connect-AstroAzure): set with
        /// any other cloud they are refused, so a stray variable cannot send tokens somewhere the caller did not choose.
        /// URL parameters given with the default "AzureCloud" name mean Custom.
        /// </summary>
        public static AzureCloudEnvironment Resolve(AzureSignInOptions options)
        {
            var name = string.IsNullOrWhiteSpace(options.Environment) ? "AzureCloud" : options.Environment.Trim();
            var explicitCustom = name.Equals("Custom", StringComparison.OrdinalIgnoreCase);
            var setVariables = new[] { (ArmUrlVariable, options.ResourceManagerUrl), (GraphUrlVariable, options.GraphUrl), (AuthorityHostVariable, options.AuthorityHost) }
                .Where(v => v.Item2 == null && !string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(v.Item1))).Select(v => v.Item1).ToList();
            if (!explicitCustom && setVariables.Count > 0)
            {
                throw new AstroNetworkException("AzureEnvironmentOverrideRefused", FailureKind.InvalidArgument,
                    $"{string.Join(", ", setVariables)} {(setVariables.Count == 1 ? "is" : "are")} set, but endpoint variables apply only to an explicit custom cloud; " +
                    $"refusing to sign in to {name} with them. Pass -Environment Custom to Connect-AstroAzure (or set {EnvironmentVariable}=Custom " +
                    "for commands run without Connect-AstroAzure) to use them, or remove them.", string.Join(",", setVariables));
            }

            var arm = options.ResourceManagerUrl ?? (explicitCustom ? FromVariable(ArmUrlVariable) : null);
            var graph = options.GraphUrl ?? (explicitCustom ? FromVariable(GraphUrlVariable) : null);
            var authority = options.AuthorityHost ?? (explicitCustom ? FromVariable(AuthorityHostVariable) : null);
            var custom = explicitCustom
                || (name.Equals("AzureCloud", StringComparison.OrdinalIgnoreCase) && (arm != null || graph != null || authority != null));
            if (!custom)
            {
                return Known.TryGetValue(name, out var known)
                    ? known
                    : throw new AstroNetworkException("AzureEnvironmentUnknown", FailureKind.InvalidArgument,
                        $"Unknown Azure environment '{name}'. Use {string.Join(", ", Known.Keys)} or Custom.", name);
            }

            var missing = new[] { ("ResourceManagerUrl", arm), ("GraphUrl", graph), ("AuthorityHost", authority) }.Where(p => p.Item2 == null).Select(p => p.Item1).ToList();
            if (missing.Count > 0)
            {
                throw new AstroNetworkException("AzureEnvironmentIncomplete", FailureKind.InvalidArgument,
                    $"A custom Azure environment needs ResourceManagerUrl, GraphUrl and AuthorityHost; missing: {string.Join(", ", missing)} " +
                    $"(parameters, or {ArmUrlVariable}, {GraphUrlVariable}, {AuthorityHostVariable}).", name);
            }

            return new AzureCloudEnvironment(
                "Custom",
                arm!.AbsoluteUri,
                string.IsNullOrWhiteSpace(options.ResourceManagerAudience) ? PublicArmAudience : options.ResourceManagerAudience!,
                graph!.AbsoluteUri,
                string.IsNullOrWhiteSpace(options.GraphAudience) ? PublicGraphAudience : options.GraphAudience!,
                authority!.AbsoluteUri,
                true);
        }

        /// <summary>The cloud named by ASTRO_AZURE_ENVIRONMENT, else <paramref name="fallback"/>.</summary>
        public static string ImplicitName(string fallback = "AzureCloud") =>
            System.Environment.GetEnvironmentVariable(EnvironmentVariable) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : fallback;

        /// <summary>
        /// What a sign-in to this cloud should tell the user, or null for the public cloud: a sovereign cloud's name, or a
        /// custom cloud's endpoints (tokens go to them).
        /// </summary>
        public string? Announcement() => Name == "AzureCloud"
            ? null
            : IsCustom
                ? $"Signing in to a custom Azure cloud, not the public one: tokens from {AuthorityHost} are sent to Resource Manager at {ResourceManagerUrl} and Microsoft Graph at {GraphUrl}."
                : $"Signing in to the national cloud {Name}: Entra ID {AuthorityHost}, Resource Manager {ResourceManagerUrl}, Microsoft Graph {GraphUrl}.";

        private static Uri? FromVariable(string name)
        {
            var value = System.Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            return Uri.TryCreate(value!.Trim(), UriKind.Absolute, out var uri)
                ? uri
                : throw new AstroNetworkException("AzureEnvironmentIncomplete", FailureKind.InvalidArgument, $"{name} is not an absolute URL: '{value}'.", value);
        }
    }
}

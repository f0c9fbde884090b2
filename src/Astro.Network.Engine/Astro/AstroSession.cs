using System;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using Astro.Network.Engine.Astro;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine
{
    /// <summary>The process-wide Astro sign-in used by every Astro cmdlet.</summary>
    public static class AstroSession
    {
        public const string TokenVariable = "ASTRO_API_TOKEN";
        public const string OrganizationVariable = "ASTRO_ORGANIZATION_ID";
        public const string ApiUrlVariable = "ASTRO_API_URL";
        public static readonly Uri DefaultApiUrl = new Uri("https://api.astronomer.io/v1");

        private static AstroContext? current;

        public static AstroConnectionInfo? Current => current?.Info;

        /// <summary>
        /// Signs in: token null -> ASTRO_API_TOKEN; organization null -> ASTRO_ORGANIZATION_ID; URL null -> ASTRO_API_URL,
        /// else the public API. Validated by one cheap list call before it becomes current.
        /// </summary>
        public static async Task<AstroConnectionInfo> ConnectAsync(SecureString? apiToken, string? organizationId, Uri? apiUrl, IOperationLog log, CancellationToken ct)
        {
            var context = await CreateContextAsync(apiToken, organizationId, apiUrl, log, PipelineSettings.Default, ct).ConfigureAwait(false);
            current = context;
            return context.Info;
        }

        public static void Disconnect() => current = null;

        /// <summary>The current session, or one made from the environment variables; else "AstroNotConnected".</summary>
        internal static async Task<AstroContext> GetContextAsync(IOperationLog log, CancellationToken ct)
        {
            if (current is { } context)
            {
                return context;
            }

            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TokenVariable)))
            {
                throw new AstroNetworkException("AstroNotConnected", FailureKind.InvalidOperation,
                    $"Not connected to Astro. Run Connect-Astro, or set {TokenVariable} and {OrganizationVariable}.")
                { RecommendedAction = "Run Connect-Astro -OrganizationId <id> -ApiToken <token>." };
            }

            log.Verbose($"Connecting to Astro from the {TokenVariable} environment variable.");
            await ConnectAsync(null, null, null, log, ct).ConfigureAwait(false);
            return current!;
        }

        /// <summary>Resolves inputs and validates them against the API without touching <see cref="Current"/>.</summary>
        internal static async Task<AstroContext> CreateContextAsync(SecureString? apiToken, string? organizationId, Uri? apiUrl, IOperationLog log, PipelineSettings settings, CancellationToken ct)
        {
            var tokenSource = apiToken != null && apiToken.Length > 0 ? "Parameter" : "Environment";
            var token = tokenSource == "Parameter" ? ReadOnlyCopy(apiToken!) : FromEnvironment(TokenVariable);
            if (token == null)
            {
                throw new AstroNetworkException("AstroTokenMissing", FailureKind.InvalidArgument,
                    $"No Astro API token: pass -ApiToken or set {TokenVariable}.")
                { RecommendedAction = "Create an Organization API token in Astro and pass it as a SecureString." };
            }

            var organization = string.IsNullOrWhiteSpace(organizationId) ? Environment.GetEnvironmentVariable(OrganizationVariable) : organizationId;
            if (string.IsNullOrWhiteSpace(organization))
            {
                throw new AstroNetworkException("AstroOrganizationMissing", FailureKind.InvalidArgument,
                    $"No Astro organization id: pass -OrganizationId or set {OrganizationVariable}.");
            }

            var url = apiUrl ?? UrlFromEnvironment() ?? DefaultApiUrl;
            if (url.Scheme != Uri.UriSchemeHttps && !url.IsLoopback)
            {
                throw new AstroNetworkException("AstroInsecureApiUrl", FailureKind.InvalidArgument,
                    $"The Astro API URL '{url}' must use https: the API token would otherwise travel in clear text.", url);
            }

            url = WithApiVersion(url, log);
            var context = new AstroContext(new AstroConnectionInfo(url, organization!.Trim(), tokenSource), token, settings);
            try
            {
                await context.CreateClient(log).ListAsync("clusters", Array.Empty<System.Collections.Generic.KeyValuePair<string, string>>(), ct, maxItems: 1)
                    .ConfigureAwait(false);
            }
            catch (AstroNetworkException ex) when (ex.Status == 404)
            {
                throw new AstroNetworkException("AstroOrganizationNotFound", FailureKind.ObjectNotFound,
                    $"The Astro API at '{url}' knows no organization '{organization!.Trim()}' (404).", organization, ex)
                { RecommendedAction = $"Check -OrganizationId (Astro: Organization Settings > General) and that -ApiUrl is the API's v1 root, {DefaultApiUrl}." };
            }
            log.Verbose("Connected: " + context.Info);
            return context;
        }

        /// <summary>The module speaks Astro API v1: a bare host (https://api.astronomer.io) gets /v1 appended, and a warning says so.</summary>
        private static Uri WithApiVersion(Uri url, IOperationLog log)
        {
            if (url.AbsolutePath.Trim('/').Length > 0)
            {
                return url;
            }

            var versioned = new Uri(url, "/v1");
            log.Warning($"The Astro API URL '{url}' has no version path; using {versioned} (Astro API v1).");
            return versioned;
        }

        private static SecureString? FromEnvironment(string name)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            return SecureStrings.FromPlain(value!.Trim());
        }

        private static SecureString ReadOnlyCopy(SecureString value)
        {
            var copy = value.Copy();
            copy.MakeReadOnly();
            return copy;
        }

        private static Uri? UrlFromEnvironment()
        {
            var value = Environment.GetEnvironmentVariable(ApiUrlVariable);
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            return Uri.TryCreate(value!.Trim(), UriKind.Absolute, out var uri)
                ? uri
                : throw new AstroNetworkException("AstroInvalidApiUrl", FailureKind.InvalidArgument, $"{ApiUrlVariable} is not an absolute URL: '{value}'.", value);
        }
    }
}

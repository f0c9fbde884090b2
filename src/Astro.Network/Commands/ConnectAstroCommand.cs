using System;
using System.Management.Automation;
using System.Security;
using Astro.Network.Engine;

namespace Astro.Network.Commands
{
    /// <summary>Signs in to the Astro API with an Organization API token.</summary>
    [Cmdlet(VerbsCommunications.Connect, "Astro")]
    [OutputType(typeof(AstroConnectionInfo))]
    public sealed class ConnectAstroCommand : AstroCmdlet
    {
        /// <summary>The API token. Defaults to the ASTRO_API_TOKEN environment variable.</summary>
        [Parameter(Position = 0)]
        public SecureString? ApiToken { get; set; }

        /// <summary>The Astro organization ID. Defaults to ASTRO_ORGANIZATION_ID.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OrganizationId { get; set; }

        /// <summary>The API base URL. Defaults to ASTRO_API_URL, else https://api.astronomer.io/v1.</summary>
        [Parameter]
        public Uri? ApiUrl { get; set; }

        protected override void ProcessItem()
        {
            WriteObject(RunOrStop((log, ct) => AstroSession.ConnectAsync(ApiToken, OrganizationId, ApiUrl, log, ct)));
        }
    }

    /// <summary>Forgets the Astro sign-in of this session.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Astro")]
    public sealed class DisconnectAstroCommand : AstroCmdlet
    {
        protected override void ProcessItem() => AstroSession.Disconnect();
    }

    /// <summary>Shows the Astro organization and API URL this session uses; never the token.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroContext")]
    [OutputType(typeof(AstroConnectionInfo))]
    public sealed class GetAstroContextCommand : AstroCmdlet
    {
        protected override void ProcessItem()
        {
            if (AstroSession.Current != null) WriteObject(AstroSession.Current);
        }
    }
}

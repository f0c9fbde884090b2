using System;

namespace Astro.Network.Engine
{
    /// <summary>Who and where the module talks to in Astro. Never holds or prints the API token.</summary>
    public sealed class AstroConnectionInfo
    {
        public AstroConnectionInfo(Uri apiUrl, string organizationId, string tokenSource)
        {
            ApiUrl = apiUrl;
            OrganizationId = organizationId;
            TokenSource = tokenSource;
        }

        public Uri ApiUrl { get; }

        public string OrganizationId { get; }

        /// <summary>"Parameter" or "Environment".</summary>
        public string TokenSource { get; }

        public override string ToString() => $"Astro organization {OrganizationId} at {ApiUrl} (token from {TokenSource})";
    }
}

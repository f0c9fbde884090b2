using System;

namespace Astro.Network.Engine
{
    /// <summary>An access token handed over by the host. ToString() never shows the token.</summary>
    public sealed class AzureHostToken
    {
        public AzureHostToken(string token, DateTimeOffset expiresOn)
        {
            Token = token ?? throw new ArgumentNullException(nameof(token));
            ExpiresOn = expiresOn;
        }

        internal string Token { get; }

        public DateTimeOffset ExpiresOn { get; }

        public override string ToString() => "access token expiring " + ExpiresOn.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
    }
}

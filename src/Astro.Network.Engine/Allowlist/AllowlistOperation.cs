namespace Astro.Network.Engine.Allowlist
{
    internal enum AllowlistOperation
    {
        /// <summary>Ensure the requested IPs are present.</summary>
        Add,
        /// <summary>Remove the requested IPs where they are Astro's entries.</summary>
        Remove,
        /// <summary>Make Astro's entries equal the requested IPs: add the missing, remove owned entries no longer requested.</summary>
        Sync,
    }
}

namespace Astro.Network
{
    /// <summary>One resource as Get-AstroAllowlist reads it: its effective access and its entries (an open resource may have none).</summary>
    public sealed class AllowlistRead
    {
        public string ResourceId { get; set; } = "";
        public string ResourceName { get; set; } = "";
        public EffectiveAccess EffectiveAccess { get; set; }
        public string EffectiveAccessCause { get; set; } = "";
        public string EffectiveAccessReason { get; set; } = "";
        public AllowlistEntry[] Entries { get; set; } = new AllowlistEntry[0];
    }
}

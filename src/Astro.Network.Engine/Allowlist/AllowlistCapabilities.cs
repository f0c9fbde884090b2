using System.Collections.Generic;

namespace Astro.Network.Engine.Allowlist
{
    /// <summary>What a resource type's firewall accepts and whether it can record that an entry is Astro's.</summary>
    internal sealed class AllowlistCapabilities
    {
        public bool SupportsIPv6 { get; set; }

        /// <summary>
        /// True when entries carry a name or description, which records the owner ("astro-{owner}-…"). False: the owners
        /// are kept in the ownership record on the resource's tags (<see cref="OwnershipRecord"/>).
        /// </summary>
        public bool NamesEntries { get; set; }

        /// <summary>The write sends the whole resource (AKS PUT): the ownership record's tags travel in it.</summary>
        public bool RecordInDocument { get; set; }

        /// <summary>Address classes the service refuses, with the error id to give (e.g. Storage: private ranges).</summary>
        public IReadOnlyCollection<IpClassification> RejectedClasses { get; set; } = new IpClassification[0];

        /// <summary>IPv4 network prefixes the service refuses (Storage: /31; /32 is sent as a bare address).</summary>
        public IReadOnlyCollection<int> RejectedIPv4Prefixes { get; set; } = new int[0];

        /// <summary>
        /// True when an empty list means "everyone may connect" (Cosmos DB, App Service, AKS): the first entry closes the
        /// resource to everyone else, and removing the last one would open it to the internet, which the module refuses.
        /// </summary>
        public bool EmptyListMeansOpen { get; set; }

        /// <summary>Private and shared (CGNAT) ranges: refused where the firewall only ever sees Astro's public egress.</summary>
        public static IReadOnlyCollection<IpClassification> PrivateClasses { get; } = new[] { IpClassification.Private, IpClassification.SharedAddressSpace };

        public const string PublicEgressReason =
            "this firewall sees Astro's public egress addresses, so a private (RFC 1918) or shared (100.64.0.0/10) range never matches. Use the public IPs from Get-AstroExternalIp.";
        /// <summary>True when a write must say which port it opens (NSG): no "every port" default.</summary>
        public bool RequiresPort { get; set; }

        /// <summary>Short reason used in error messages for rejected classes.</summary>
        public string? RejectedClassesReason { get; set; }
    }
}

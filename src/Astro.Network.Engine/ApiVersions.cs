namespace Astro.Network.Engine
{
    /// <summary>
    /// The ARM api-versions the module speaks, pinned to the swagger copies the emulator and recorded traffic are
    /// validated against (shared azure-specs, section 0). Change a version only together with its spec.
    /// </summary>
    internal static class ApiVersions
    {
        public const string Authorization = "2022-04-01";
        public const string Network = "2024-01-01";
        public const string Storage = "2025-08-01";   // not 2023-05-01: it does not know networkAcls.ipv6Rules, and a whole-networkAcls PATCH from it drops them
        public const string KeyVault = "2023-07-01";   // newest stable in the shared specs; the networkAcls PATCH sends the object as read, unknown fields included (NewerFieldsSurviveTests)
        public const string Sql = "2021-11-01";
        public const string PostgreSqlFlexible = "2022-12-01";
        public const string MySqlFlexible = "2023-12-30";
        public const string DocumentDb = "2024-05-15";
        public const string ContainerRegistry = "2023-07-01";
        public const string EventHub = "2024-01-01";   // newest stable in the shared specs (knows SecuredByPerimeter); the rule-set PUT sends properties as read
        public const string ServiceBus = "2021-11-01";   // newest stable in the shared specs; does not know SecuredByPerimeter, which the rule-set PUT still sends back as read (NewerFieldsSurviveTests)
        public const string Web = "2023-12-01";
        public const string ContainerService = "2026-05-01";
        public const string ManagedIdentity = "2023-01-31";
        public const string Resources = "2022-12-01";
        public const string Tags = "2022-09-01";   // Microsoft.Resources/tags/default (resources.json of 2022-09-01)
        public const string ResourceGraph = "2022-10-01";
        public const string Synapse = "2021-06-01";
        public const string Redis = "2024-03-01";
        public const string EventGrid = "2022-06-15";
        public const string Search = "2023-11-01";
        public const string PrivateDns = "2020-06-01";   // Microsoft.Network/privateDnsZones (privatedns.json): zones, VNet links, record sets
        public const string Kusto = "2023-08-15";
        public const string App = "2024-03-01";
    }
}

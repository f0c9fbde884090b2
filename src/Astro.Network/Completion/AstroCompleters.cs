namespace Astro.Network.Completion
{
    // [ArgumentCompleter] takes a type with a parameterless constructor: one small class per kind and key.

    /// <summary>Completes Astro Deployment names.</summary>
    public sealed class DeploymentNameCompleter : AstroObjectCompleter
    {
        public DeploymentNameCompleter() : base(AstroObjectKind.Deployment, byId: false) { }
    }

    /// <summary>Completes Astro Deployment IDs, showing each Deployment's name in the menu.</summary>
    public sealed class DeploymentIdCompleter : AstroObjectCompleter
    {
        public DeploymentIdCompleter() : base(AstroObjectKind.Deployment, byId: true) { }
    }

    /// <summary>Completes Astro cluster names.</summary>
    public sealed class ClusterNameCompleter : AstroObjectCompleter
    {
        public ClusterNameCompleter() : base(AstroObjectKind.Cluster, byId: false) { }
    }

    /// <summary>Completes Astro cluster IDs, showing each cluster's name in the menu.</summary>
    public sealed class ClusterIdCompleter : AstroObjectCompleter
    {
        public ClusterIdCompleter() : base(AstroObjectKind.Cluster, byId: true) { }
    }

    /// <summary>Completes virtual network IDs of the connected subscription.</summary>
    public sealed class VirtualNetworkIdCompleter : AzureResourceIdCompleter
    {
        public VirtualNetworkIdCompleter() : base("Microsoft.Network/virtualNetworks") { }
    }

    /// <summary>Completes user-assigned managed identity IDs of the connected subscription.</summary>
    public sealed class ManagedIdentityIdCompleter : AzureResourceIdCompleter
    {
        public ManagedIdentityIdCompleter() : base("Microsoft.ManagedIdentity/userAssignedIdentities") { }
    }
}

using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.WorkloadIdentity
{
    /// <summary>Workload identity cmdlets take a user-assigned managed identity and (mostly) a Deployment, each by property name.</summary>
    public abstract class WorkloadIdentityCmdlet : AstroCmdlet
    {
        /// <summary>The user-assigned managed identity's resource ID; bound by property name, also from Az identity objects (Get-AzUserAssignedIdentity) by their Id.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id", "ResourceId")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ManagedIdentityIdCompleter))]
        public string IdentityResourceId { get; set; } = null!;

        protected string IdentityId => WorkloadIdentityEngine.NormalizeIdentityId(IdentityResourceId);
    }

    /// <summary>A workload identity cmdlet for one Deployment.</summary>
    public abstract class DeploymentIdentityCmdlet : WorkloadIdentityCmdlet
    {
        /// <summary>The Deployment's ID; bound from AstroDeployment objects by property name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(DeploymentIdCompleter))]
        public string DeploymentId { get; set; } = null!;

        /// <summary>Seconds one resource may wait while Azure answers that it is busy or throttles, before AzureResourceBusy.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int BusyTimeout { get => BusyTimeoutSeconds ?? DefaultBusyTimeout; set => BusyTimeoutSeconds = value; }
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Astro.Network.Engine;

namespace Astro.Network.Commands.PrivateLink
{
    /// <summary>Lists the private endpoint connections of Azure resources, optionally only those in one state.</summary>
    [Cmdlet(VerbsCommon.Get, "AstroPrivateEndpointConnection")]
    [OutputType(typeof(PrivateEndpointConnection))]
    public sealed class GetAstroPrivateEndpointConnectionCommand : AstroCmdlet
    {
        private readonly List<string> _resourceIds = new List<string>();

        /// <summary>Resource IDs; also bound from objects with a ResourceId or Id property.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] ResourceId { get; set; } = null!;

        [Parameter]
        [ValidateSet("Pending", "Approved", "Rejected", "Disconnected")]
        public string? Status { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = AllowlistEngine.DefaultThrottleLimit;

        protected override void ProcessItem()
        {
            foreach (var id in ResourceId)
            {
                try
                {
                    _resourceIds.Add(PrivateLinkEngine.NormalizeResourceId(id));
                }
                catch (AstroNetworkException ex)
                {
                    ThrowTerminating(ex);
                }
            }
        }

        protected override void EndItems()
        {
            var ids = _resourceIds.Distinct(System.StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var outcome in Run((log, ct) => PrivateLinkEngine.GetConnectionsAsync(ids, Status, ThrottleLimit, log, ct)))
            {
                if (outcome.Error != null) WriteError(ToErrorRecord(outcome.Error));
                else WriteObject(outcome.Value, enumerateCollection: true);
            }
        }
    }
}

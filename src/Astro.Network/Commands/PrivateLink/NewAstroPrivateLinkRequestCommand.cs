using System.Management.Automation;
using Astro.Network.Completion;
using Astro.Network.Engine;

namespace Astro.Network.Commands.PrivateLink
{
    /// <summary>Produces the details Astronomer support needs to create a private endpoint to a resource, as text and JSON.</summary>
    [Cmdlet(VerbsCommon.New, "AstroPrivateLinkRequest")]
    [OutputType(typeof(PrivateLinkRequest))]
    public sealed class NewAstroPrivateLinkRequestCommand : AstroCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string ResourceId { get; set; } = null!;

        /// <summary>The Private Link sub-resource, e.g. blob, vault, sqlServer, registry; not used for private link services.</summary>
        [Parameter(Position = 1)]
        [AllowEmptyString]
        public string GroupId { get; set; } = "";

        /// <summary>The dedicated cluster that will connect; checked when given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ClusterIdCompleter))]
        public string? ClusterId { get; set; }

        protected override void ProcessItem()
        {
            var id = PrivateLinkEngine.NormalizeResourceId(ResourceId);
            WriteObject(Run((log, ct) => PrivateLinkEngine.NewRequestAsync(id, GroupId, ClusterId, log, ct)));
        }
    }
}

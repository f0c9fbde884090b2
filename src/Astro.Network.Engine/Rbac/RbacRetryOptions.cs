using System;
using System.Collections.Generic;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>Bounded backoff for 400 PrincipalNotFound while a new service principal replicates to ARM.</summary>
    internal sealed class RbacRetryOptions
    {
        /// <summary>Wait before each retry, in order; the number of entries is the number of retries (default 1, 2, 4, 8, 16 s).</summary>
        public IReadOnlyList<TimeSpan> Delays { get; set; } = PipelineSettings.Default.PrincipalReplicationRetryDelays;

        /// <summary>Stop once the waits would add up to more than this.</summary>
        public TimeSpan MaxTotal { get; set; } = PipelineSettings.Default.PrincipalReplicationMaxWait;

        public static RbacRetryOptions From(PipelineSettings settings) => new RbacRetryOptions
        {
            Delays = settings.PrincipalReplicationRetryDelays,
            MaxTotal = settings.PrincipalReplicationMaxWait,
        };
    }
}

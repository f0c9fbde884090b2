using System;
using System.Collections.Generic;
using Azure.Core.Pipeline;

namespace Astro.Network.Engine.Rest
{
    /// <summary>Retry and polling knobs of every pipeline. Production uses <see cref="Default"/>; tests shorten the delays.</summary>
    internal sealed class PipelineSettings
    {
        public static PipelineSettings Default { get; } = new PipelineSettings();

        public int MaxRetries { get; set; } = 3;
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
        public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>First wait after a busy answer (409 OperationInterrupted...): the other operation usually needs seconds.</summary>
        public TimeSpan BusyRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Longest wait of our own between busy retries (a longer Retry-After is still honoured in full).</summary>
        public TimeSpan MaxBusyRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Busy timeout of a request made outside any operation that set one (<see cref="BusyScope"/>).</summary>
        public TimeSpan BusyTimeout { get; set; } = Engine.BusyTimeout.Default;

        /// <summary>Poll interval when an LRO response carries no Retry-After.</summary>
        public TimeSpan PollDelay { get; set; } = TimeSpan.FromSeconds(1);
        /// <summary>Upper bound on any single poll wait (null = honour Retry-After as given).</summary>
        public TimeSpan? MaxPollDelay { get; set; }
        public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(30);

        /// <summary>Items per Astro list page (the API allows up to 1000; tests use small pages to exercise paging).</summary>
        public int AstroPageSize { get; set; } = 100;

        /// <summary>Rows per Resource Graph page (the service allows up to 1000; tests use small pages to exercise paging).</summary>
        public int ResourceGraphPageSize { get; set; } = 1000;

        /// <summary>Waits between retries of a role assignment whose new principal ARM does not see yet (400 PrincipalNotFound).</summary>
        public IReadOnlyList<TimeSpan> PrincipalReplicationRetryDelays { get; set; } =
            new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16) };

        /// <summary>Upper bound on the sum of those waits.</summary>
        public TimeSpan PrincipalReplicationMaxWait { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Replaces the HTTP transport (tests only).</summary>
        public HttpPipelineTransport? Transport { get; set; }
    }
}

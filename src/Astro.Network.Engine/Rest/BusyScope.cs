using System;
using System.Diagnostics;
using System.Threading;

namespace Astro.Network.Engine
{
    /// <summary>How long one operation may wait for a busy resource (see <see cref="Rest.BusyClassification"/>).</summary>
    public static class BusyTimeout
    {
        public static readonly TimeSpan Default = TimeSpan.FromMinutes(5);

        /// <summary>
        /// Every request awaited inside waits for busy resources at most <paramref name="timeout"/> per operation (per
        /// resource in a fan-out, else per call); dispose to restore the enclosing timeout.
        /// </summary>
        public static IDisposable Use(TimeSpan timeout) => Rest.BusyScope.Begin(timeout, null);
    }
}

namespace Astro.Network.Engine.Rest
{
    /// <summary>
    /// The busy budget of the operation in progress, carried with the async flow so the retry policy (which sees one
    /// request) knows the operation's deadline and whom to tell about a 429.
    /// </summary>
    internal sealed class BusyScope : IDisposable
    {
        private static readonly AsyncLocal<BusyScope?> Ambient = new AsyncLocal<BusyScope?>();
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private readonly Action? throttled;
        private readonly BusyScope? outer;
        private readonly bool ambient;

        private BusyScope(TimeSpan timeout, Action? throttled, BusyScope? outer, bool ambient)
        {
            Timeout = timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout;
            this.throttled = throttled;
            this.outer = outer;
            this.ambient = ambient;
        }

        public static BusyScope? Current => Ambient.Value;

        public TimeSpan Timeout { get; }

        public TimeSpan Remaining
        {
            get
            {
                var left = Timeout - clock.Elapsed;
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }

        /// <summary>A new deadline from now, visible to everything awaited until disposed.</summary>
        public static BusyScope Begin(TimeSpan timeout, Action? throttled)
        {
            var scope = new BusyScope(timeout, throttled, Ambient.Value, ambient: true);
            Ambient.Value = scope;
            return scope;
        }

        /// <summary>One operation (a resource of a fan-out): a fresh deadline under the enclosing timeout.</summary>
        public static BusyScope BeginOperation(TimeSpan fallback, Action? throttled) => Begin(Ambient.Value?.Timeout ?? fallback, throttled);

        /// <summary>A budget for one request made outside any operation; not ambient.</summary>
        public static BusyScope Detached(TimeSpan timeout) => new BusyScope(timeout, null, null, ambient: false);

        /// <summary>The service answered 429: the operation's owner may send less at once.</summary>
        public void Throttled() => throttled?.Invoke();

        public void Dispose()
        {
            if (ambient)
            {
                Ambient.Value = outer;
            }
        }
    }
}

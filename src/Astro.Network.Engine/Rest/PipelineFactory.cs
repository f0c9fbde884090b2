using System;
using System.Reflection;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Astro.Network.Engine.Rest
{
    /// <summary>Builds the one Azure.Core pipeline shape every service (Astro, ARM, Graph) uses.</summary>
    internal static class PipelineFactory
    {
        public static string UserAgent { get; } = "Astro.Network/" + ProductVersion();

        /// <param name="authPolicy">Adds the Authorization header; runs per attempt so a refreshed token is used on retry.</param>
        /// <param name="waitsForBusy">Azure services: busy and throttled answers wait within the busy timeout.</param>
        public static HttpPipeline Build(HttpPipelinePolicy authPolicy, PipelineSettings settings, bool waitsForBusy = true)
        {
            var options = new EngineClientOptions();
            options.RetryPolicy = new EngineRetryPolicy(settings, waitsForBusy);
            options.Retry.NetworkTimeout = settings.NetworkTimeout;
            // Our own User-Agent instead of the SDK's azsdk-net-* string.
            options.Diagnostics.IsTelemetryEnabled = false;
            options.Diagnostics.IsDistributedTracingEnabled = false;
            if (settings.Transport != null)
            {
                options.Transport = settings.Transport;
            }

            return HttpPipelineBuilder.Build(
                options,
                new HttpPipelinePolicy[] { new UserAgentPolicy() },
                new HttpPipelinePolicy[] { authPolicy, new OperationLogPolicy() },
                new ResponseClassifier());
        }

        private static string ProductVersion()
        {
            var assembly = typeof(PipelineFactory).Assembly;
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            if (!string.IsNullOrEmpty(informational))
            {
                var plus = informational!.IndexOf('+');
                return plus > 0 ? informational.Substring(0, plus) : informational;
            }

            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        private sealed class EngineClientOptions : ClientOptions
        {
        }

        private sealed class UserAgentPolicy : HttpPipelineSynchronousPolicy
        {
            public override void OnSendingRequest(HttpMessage message) =>
                message.Request.Headers.SetValue("User-Agent", UserAgent);
        }
    }
}

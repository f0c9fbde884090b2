using System;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;

namespace Astro.Network.Engine.Rest
{
    /// <summary>
    /// Drives an ARM long-running operation to its end (ARM RPC): poll Azure-AsyncOperation (status body) or Location
    /// (202 until done) or, with neither, the resource's provisioningState, honouring Retry-After. A PUT/PATCH is running
    /// while its body's provisioningState is not terminal or it carries Azure-AsyncOperation; it ends with a GET of the resource; DELETE/POST with the last answer (POST: the Location result).
    /// </summary>
    internal sealed class ArmLroPoller
    {
        public const string OperationFailedErrorId = "AzureOperationFailed";

        private readonly RestChannel channel;
        private readonly PipelineSettings settings;

        public ArmLroPoller(RestChannel channel, PipelineSettings settings)
        {
            this.channel = channel;
            this.settings = settings;
        }

        public async Task<RestResponse> CompleteAsync(RequestMethod method, RestResponse initial, CancellationToken ct)
        {
            var isResourceWrite = method == RequestMethod.Put || method == RequestMethod.Patch;
            var state = ProvisioningState(initial);
            if (IsFailed(state))
            {
                throw Failed(initial.Uri, state!, initial.Object?["properties"]?["error"] ?? initial.Object?["error"]);
            }

            // A write with Azure-AsyncOperation is running whatever its body says: Cosmos DB answers a PATCH with 200, the old
            // state and provisioningState Succeeded, and finishes behind the operation (recorded live, issue 13).
            var asyncOperation = initial.Header("Azure-AsyncOperation");
            if (initial.Status != 202 && !(isResourceWrite && (!IsTerminal(state) || asyncOperation != null)))
            {
                return initial;
            }

            var location = initial.Header("Location");
            channel.Log.Verbose($"Waiting for the long-running {method} of {initial.Uri.AbsolutePath} to finish.");
            var watch = Stopwatch.StartNew();
            var last = initial;
            while (true)
            {
                if (watch.Elapsed > settings.OperationTimeout)
                {
                    throw new AstroNetworkException(
                        "AzureOperationTimeout",
                        FailureKind.OperationTimeout,
                        $"The {method} of {initial.Uri.AbsolutePath} did not finish within {settings.OperationTimeout.TotalMinutes:0} minutes.",
                        initial.Uri.AbsolutePath);
                }

                await Task.Delay(DelayAfter(last), ct).ConfigureAwait(false);
                if (asyncOperation != null)
                {
                    last = await GetAsync(asyncOperation, ct).ConfigureAwait(false);
                    var status = JsonNodes.Text(last.Object?["status"]);
                    if (IsFailed(status))
                    {
                        throw Failed(initial.Uri, status!, last.Object?["error"]);
                    }

                    if (IsSucceeded(status))
                    {
                        break;
                    }
                }
                else if (location != null)
                {
                    // The Location URL answers a failed operation with its error status (ARM RPC).
                    last = await channel.SendAsync(RequestMethod.Get, channel.Resolve(location), null, null, ct).ConfigureAwait(false);
                    if (!last.IsSuccess)
                    {
                        throw last.Status == 401 || last.Status == 403 || last.Status == 404
                            ? ServiceErrors.FromResponse(channel.Service, last, last.Uri.AbsolutePath)
                            : Failed(initial.Uri, "Failed", last.Object?["error"] ?? last.Object);
                    }

                    if (last.Status != 202)
                    {
                        break;
                    }
                }
                else
                {
                    last = await GetAsync(initial.Uri.AbsoluteUri, ct).ConfigureAwait(false);
                    state = ProvisioningState(last);
                    if (IsFailed(state))
                    {
                        throw Failed(initial.Uri, state!, last.Object?["properties"]?["error"]);
                    }

                    if (IsTerminal(state))
                    {
                        return last;
                    }
                }
            }

            if (isResourceWrite)
            {
                return await GetAsync(initial.Uri.AbsoluteUri, ct).ConfigureAwait(false);
            }

            // POST with both headers: the result lives behind Location.
            return method == RequestMethod.Post && asyncOperation != null && location != null
                ? await GetAsync(location, ct).ConfigureAwait(false)
                : last;
        }

        private async Task<RestResponse> GetAsync(string url, CancellationToken ct)
        {
            var response = await channel.SendAsync(RequestMethod.Get, channel.Resolve(url), null, null, ct).ConfigureAwait(false);
            return response.IsSuccess ? response : throw ServiceErrors.FromResponse(channel.Service, response, response.Uri.AbsolutePath);
        }

        private TimeSpan DelayAfter(RestResponse response)
        {
            var delay = RetryAfter(response) ?? settings.PollDelay;
            return settings.MaxPollDelay is { } max && delay > max ? max : delay;
        }

        internal static TimeSpan? RetryAfter(RestResponse response) => RetryClassification.RetryAfter(response.Header);

        private static string? ProvisioningState(RestResponse response) => JsonNodes.Text(response.Object?["properties"]?["provisioningState"]);

        // An absent state counts as Succeeded (ARM RPC).
        private static bool IsTerminal(string? state) => state == null || IsSucceeded(state) || IsFailed(state);

        private static bool IsSucceeded(string? state) => string.Equals(state, "Succeeded", StringComparison.OrdinalIgnoreCase);

        private static bool IsFailed(string? state) =>
            string.Equals(state, "Failed", StringComparison.OrdinalIgnoreCase) || string.Equals(state, "Canceled", StringComparison.OrdinalIgnoreCase);

        private static AstroNetworkException Failed(Uri resource, string state, JsonNode? error)
        {
            var (code, message, _) = ServiceErrors.Parse(error is JsonObject e ? new JsonObject { ["error"] = e.DeepClone() } : null);
            return new AstroNetworkException(
                OperationFailedErrorId,
                FailureKind.InvalidOperation,
                $"The operation on {resource.AbsolutePath} ended {state}{(code == null ? "" : " with " + code)}: {message ?? "no error details"}",
                resource.AbsolutePath)
            { ServiceCode = code };
        }
    }
}

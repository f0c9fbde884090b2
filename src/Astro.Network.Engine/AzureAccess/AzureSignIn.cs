using System;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Core.Pipeline;
using Astro.Network.Engine.Rest;

namespace Astro.Network.Engine.AzureAccess
{
    /// <summary>
    /// A credential and the ARM and Graph pipelines built on it, shared by every call of a session so tokens are cached
    /// once. <see cref="CreateContext"/> binds clients to one caller's log.
    /// </summary>
    internal sealed class AzureSignIn
    {
        private readonly HttpPipeline armPipeline;
        private readonly HttpPipeline graphPipeline;

        public AzureSignIn(AzureCloudEnvironment environment, TokenCredential credential, PipelineSettings settings)
        {
            Environment = environment;
            Credential = credential;
            Settings = settings;
            armPipeline = PipelineFactory.Build(new BearerTokenAuthenticationPolicy(credential, environment.ArmScope), settings);
            graphPipeline = PipelineFactory.Build(new BearerTokenAuthenticationPolicy(credential, environment.GraphScope), settings);
            Connection = new AzureConnectionInfo
            {
                Environment = environment.Name,
                ResourceManagerUrl = environment.ResourceManagerUrl,
                GraphUrl = environment.GraphUrl,
                AuthorityHost = environment.AuthorityHost,
            };
        }

        public AzureCloudEnvironment Environment { get; }

        public TokenCredential Credential { get; }

        public PipelineSettings Settings { get; }

        /// <summary>Filled in by sign-in validation (tenant, subscription, account).</summary>
        public AzureConnectionInfo Connection { get; }

        public AzureContext CreateContext(IOperationLog log) => new AzureContext(
            Connection,
            new ArmRestClient(new RestChannel(armPipeline, Environment.ResourceManagerUrl, RestService.Arm, log), Settings),
            new GraphRestClient(new RestChannel(graphPipeline, Environment.GraphUrl, RestService.Graph, log)),
            log,
            Settings,
            GraphTokenClaimsAsync);

        /// <summary>What the Graph token says about the caller's directory rights; the token itself never leaves this method.</summary>
        private async Task<string?> GraphTokenClaimsAsync(CancellationToken ct)
        {
            try
            {
                var token = await Credential.GetTokenAsync(new TokenRequestContext(new[] { Environment.GraphScope }), ct).ConfigureAwait(false);
                return TokenClaims.Parse(token.Token).PayloadJson;
            }
            catch (Exception ex) when (ex is AuthenticationFailedException || ex is RequestFailedException || ex is AstroNetworkException)
            {
                return null;
            }
        }
    }
}

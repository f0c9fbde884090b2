using System.Security;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Astro.Network.Engine.Astro
{
    /// <summary>Adds "Authorization: Bearer" from a SecureString, decrypted per request and not kept as a field.</summary>
    internal sealed class AstroTokenPolicy : HttpPipelineSynchronousPolicy
    {
        private readonly SecureString token;

        public AstroTokenPolicy(SecureString token)
        {
            this.token = token;
        }

        public override void OnSendingRequest(HttpMessage message) =>
            message.Request.Headers.SetValue("Authorization", "Bearer " + SecureStrings.ToPlain(token));
    }
}

using System;
using System.Runtime.InteropServices;
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

        public override void OnSendingRequest(HttpMessage message)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(token);
                message.Request.Headers.SetValue("Authorization", "Bearer " + Marshal.PtrToStringUni(pointer));
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }
    }
}

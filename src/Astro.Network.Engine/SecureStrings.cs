using System;
using System.Runtime.InteropServices;
using System.Security;

namespace Astro.Network.Engine
{
    /// <summary>Decrypts a SecureString for the one moment a credential or header needs the text; the native copy is zeroed.</summary>
    internal static class SecureStrings
    {
        public static string ToPlain(SecureString value)
        {
            var pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
                return Marshal.PtrToStringUni(pointer) ?? "";
            }
            finally
            {
                if (pointer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }
            }
        }

        public static SecureString FromPlain(string value)
        {
            var secure = new SecureString();
            foreach (var c in value)
            {
                secure.AppendChar(c);
            }

            secure.MakeReadOnly();
            return secure;
        }
    }
}

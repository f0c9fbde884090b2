using System;
using System.Security.Cryptography;
using System.Text;

namespace Astro.Network.Engine.Rbac
{
    /// <summary>
    /// RFC 4122 version-5 (SHA-1, name-based) GUIDs: the same name always gives the same ID, so a custom role the module
    /// creates has one ID per tenant and role name, and a re-run after a failure halfway writes that role, not a second one.
    /// </summary>
    internal static class NameBasedGuid
    {
        // A fixed namespace of the module's own (random once, never changed).
        private static readonly Guid Namespace = new Guid("5d3f0c8e-2a61-4f0b-9b57-3c1e7a4d9e21");

        public static Guid Create(string name)
        {
            var ns = Namespace.ToByteArray();
            SwapToNetworkOrder(ns);
            var bytes = Encoding.UTF8.GetBytes(name);
            byte[] hash;
            using (var sha1 = SHA1.Create())
            {
                var input = new byte[ns.Length + bytes.Length];
                Buffer.BlockCopy(ns, 0, input, 0, ns.Length);
                Buffer.BlockCopy(bytes, 0, input, ns.Length, bytes.Length);
                hash = sha1.ComputeHash(input);
            }

            var result = new byte[16];
            Array.Copy(hash, result, 16);
            result[6] = (byte)((result[6] & 0x0F) | 0x50);   // version 5
            result[8] = (byte)((result[8] & 0x3F) | 0x80);   // RFC 4122 variant
            SwapToNetworkOrder(result);
            return new Guid(result);
        }

        // System.Guid stores its first three fields little-endian; RFC 4122 hashes and lays them out big-endian.
        private static void SwapToNetworkOrder(byte[] guid)
        {
            Swap(guid, 0, 3);
            Swap(guid, 1, 2);
            Swap(guid, 4, 5);
            Swap(guid, 6, 7);
        }

        private static void Swap(byte[] b, int i, int j)
        {
            var t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }
}

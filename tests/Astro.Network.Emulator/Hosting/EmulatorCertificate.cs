using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Astro.Network.Emulator.Hosting;

/// <summary>Self-signed loopback certificate; CA=true so OpenSSL accepts it as a trust anchor via SSL_CERT_FILE.</summary>
public static class EmulatorCertificate
{
    public const string PfxFileName = "emulator.pfx";
    public const string PemFileName = "emulator.pem";

    /// <summary>Writes emulator.pfx (no password) and emulator.pem (public certificate) into <paramref name="directory"/>.</summary>
    public static void Create(string directory)
    {
        Directory.CreateDirectory(directory);
        using var cert = CreateInMemory();
        File.WriteAllBytes(Path.Combine(directory, PfxFileName), cert.Export(X509ContentType.Pfx));
        File.WriteAllText(Path.Combine(directory, PemFileName), cert.ExportCertificatePem() + "\n");
    }

    /// <summary>A new certificate whose private key is usable by Kestrel on every platform.</summary>
    public static X509Certificate2 CreateInMemory()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Astro.Network Emulator", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        // Also as a DNS name: Mono's TLS checks an IP host against DNS names only (tests/RuntimeHosts, net472 host).
        san.AddDnsName(IPAddress.Loopback.ToString());
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        // Re-import so the key is persisted in a form SslStream can use on Linux and Windows alike.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public static X509Certificate2 Load(string pfxPath) => X509CertificateLoader.LoadPkcs12FromFile(pfxPath, null);
}

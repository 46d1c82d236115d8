using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Edges.Tests.Sip.Transport.Support;

/// <summary>Self-signed certificates made in the test with <see cref="CertificateRequest"/>.</summary>
internal static class TestCertificates
{
    public static readonly Lazy<X509Certificate2> Server = new(() => Create("CN=localhost", server: true));

    public static readonly Lazy<X509Certificate2> Client = new(() => Create("CN=partner.example.com", server: false));

    private static X509Certificate2 Create(string subject, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        if (server)
        {
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
        }
        else
        {
            san.AddDnsName("partner.example.com");
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], critical: false));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }
}

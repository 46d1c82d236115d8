using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Serilog;

namespace Cluster.Edges.Web;

/// <summary>
/// Finds the HTTPS certificate: the configured PFX or PEM file, or else a self-signed development certificate that
/// is generated once into the node's data directory and reused, so a fresh node serves HTTPS at once and clients
/// that pinned its thumbprint keep working across restarts.
/// </summary>
public static class WebCertificates
{
    /// <summary>File name of the development certificate under <c>&lt;data&gt;/web/</c>.</summary>
    public const string DevelopmentCertificateFile = "dev-certificate.pfx";

    private static readonly TimeSpan DevelopmentValidity = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(7);

    /// <summary>Loads the configured certificate, or the development certificate when none is configured.</summary>
    public static X509Certificate2 Load(WebSettings settings, string dataDirectory, TimeProvider time, ILogger log, out bool isDevelopment)
    {
        isDevelopment = settings.CertificatePath is null;
        if (settings.CertificatePath is not { } path)
            return LoadOrCreateDevelopment(dataDirectory, time, log);
        var certificate = LoadConfigured(path, settings.CertificateKeyPath, settings.CertificatePassword);
        log.Information("HTTPS certificate {Subject} (thumbprint {Thumbprint}, valid until {NotAfter:u}) loaded from {Path}",
            certificate.Subject, certificate.Thumbprint, certificate.NotAfter.ToUniversalTime(), path);
        return certificate;
    }

    /// <summary>Path of the development certificate for <paramref name="dataDirectory"/>.</summary>
    public static string DevelopmentCertificatePath(string dataDirectory) => Path.Combine(dataDirectory, "web", DevelopmentCertificateFile);

    private static X509Certificate2 LoadConfigured(string path, string? keyPath, string? password)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"uc.web.certificate-path '{path}' does not exist", path);
        X509Certificate2 certificate;
        try
        {
            var extension = Path.GetExtension(path).ToLowerInvariant();
            if (extension is ".pfx" or ".p12")
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            else
            {
                using var pem = password is null
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
                // Round-trip through PKCS#12 so the key is usable by SslStream on every platform.
                certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            }
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"cannot read the certificate in uc.web.certificate-path '{path}': {ex.Message}", ex);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"the certificate in '{path}' has no private key (set uc.web.certificate-key-path for a separate PEM key)");
        return certificate;
    }

    private static X509Certificate2 LoadOrCreateDevelopment(string dataDirectory, TimeProvider time, ILogger log)
    {
        var path = DevelopmentCertificatePath(dataDirectory);
        var now = time.GetUtcNow();
        if (File.Exists(path))
        {
            try
            {
                var existing = X509CertificateLoader.LoadPkcs12FromFile(path, null);
                if (existing.HasPrivateKey && existing.NotAfter.ToUniversalTime() > now.UtcDateTime + RenewBefore)
                {
                    log.Warning("HTTPS uses the self-signed DEVELOPMENT certificate {Path} (thumbprint {Thumbprint}); set uc.web.certificate-path for production",
                        path, existing.Thumbprint);
                    return existing;
                }
                log.Information("Development certificate {Path} expires {NotAfter:u}; generating a new one", path, existing.NotAfter.ToUniversalTime());
                existing.Dispose();
            }
            catch (CryptographicException ex)
            {
                log.Warning("Development certificate {Path} is unreadable ({Reason}); generating a new one", path, ex.Message);
            }
        }

        var created = CreateDevelopment(now);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, created.Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
        log.Warning("Generated a self-signed DEVELOPMENT certificate {Path} (thumbprint {Thumbprint}) for HTTPS; set uc.web.certificate-path for production",
            path, created.Thumbprint);
        return created;
    }

    private static X509Certificate2 CreateDevelopment(DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Cluster UC development certificate", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        if (Uri.CheckHostName(Environment.MachineName) == UriHostNameType.Dns)
            names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false)); // serverAuth
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now + DevelopmentValidity);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}

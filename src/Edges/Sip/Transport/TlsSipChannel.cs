using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// SIP over TLS (RFC 3261 §26.2, RFC 5630): <see cref="SslStream"/> with TLS 1.2/1.3. As a server it presents the
/// configured certificate and asks for a client certificate per <see cref="SipClientCertificateMode"/>; the peer's
/// certificate is passed up with every message, because what it means (a trusted federation partner) is the upper
/// layer's decision. As a client it checks the server's name and chain (against extra trust anchors when configured)
/// and can present a client certificate for mutual TLS.
/// </summary>
public sealed class TlsSipChannel : SipStreamChannel
{
    private readonly SslServerAuthenticationOptions? serverOptions;

    internal TlsSipChannel(SipTransportLayer host, IReadOnlyList<IPEndPoint> listen) : base(host, listen)
    {
        if (listen.Count == 0) return;
        var settings = host.Settings;
        var mode = settings.ClientCertificateMode;
        serverOptions = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = SslStreamCertificateContext.Create(settings.LoadServerCertificate(), additionalCertificates: null),
            ClientCertificateRequired = mode != SipClientCertificateMode.None,
            EnabledSslProtocols = settings.TlsProtocols,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            // Optional: any certificate or none is accepted and exposed; Required: one must be presented.
            RemoteCertificateValidationCallback = (_, certificate, _, _) => mode != SipClientCertificateMode.Required || certificate is not null,
        };
    }

    public override SipTransportKind Kind => SipTransportKind.Tls;

    private protected override async Task<(Stream Stream, X509Certificate2? PeerCertificate)> AcceptStreamAsync(NetworkStream network, CancellationToken cancellationToken)
    {
        if (serverOptions is null) throw new InvalidOperationException("TLS channel without listener accepted a connection");
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsServerAsync(serverOptions, cancellationToken).ConfigureAwait(false);
            return (ssl, AsCertificate2(ssl.RemoteCertificate));
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async Task<(Stream Stream, X509Certificate2? PeerCertificate)> ConnectStreamAsync(NetworkStream network, SipDestination destination, CancellationToken cancellationToken)
    {
        var settings = Host.Settings;
        var ssl = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = destination.Host ?? destination.EndPoint.Address.ToString(),
                EnabledSslProtocols = settings.TlsProtocols,
                ClientCertificates = settings.TlsClientCertificate is { } mine ? [mine] : null,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = ValidateServer,
            }, cancellationToken).ConfigureAwait(false);
            return (ssl, AsCertificate2(ssl.RemoteCertificate));
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private bool ValidateServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var settings = Host.Settings;
        if (!settings.TlsVerifyServer) return true;
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        if (errors == SslPolicyErrors.None) return true;
        if (settings.TlsTrustedRoots is not { Count: > 0 } roots) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements.Skip(1)) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        return custom.Build(AsCertificate2(certificate)!);
    }

    private static X509Certificate2? AsCertificate2(X509Certificate? certificate) => certificate switch
    {
        null => null,
        X509Certificate2 c2 => c2,
        _ => X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()),
    };
}

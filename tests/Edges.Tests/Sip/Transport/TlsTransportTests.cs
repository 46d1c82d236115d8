using System.Net;
using System.Security.Cryptography.X509Certificates;
using Cluster.Edges.Sip.Transport;
using Cluster.Edges.Tests.Sip.Transport.Support;

namespace Cluster.Edges.Tests.Sip.Transport;

public sealed class TlsTransportTests
{
    private static TransportHarness Server(SipClientCertificateMode mode) => TransportHarness.Start(s => s with
    {
        TlsListen = [new IPEndPoint(IPAddress.Loopback, 0)],
        TlsCertificate = TestCertificates.Server.Value,
        ClientCertificateMode = mode,
    });

    private static TransportHarness Client(X509Certificate2? clientCertificate) => TransportHarness.Start(s => s with
    {
        TlsTrustedRoots = [TestCertificates.Server.Value],
        TlsClientCertificate = clientCertificate,
    });

    [Fact]
    public async Task Tls_client_certificate_is_seen_by_the_server()
    {
        await using var server = Server(SipClientCertificateMode.Optional);
        await using var client = Client(TestCertificates.Client.Value);
        await client.Layer.SendAsync(new SipDestination(SipTransportKind.Tls, server.Tls, "localhost"), RawMessages.Options("z9hG4bKtls1", transport: "TLS"));
        var inbound = await server.NextAsync("the request over TLS");
        Assert.Equal(SipTransportKind.Tls, inbound.Flow.Transport);
        Assert.Equal(TestCertificates.Client.Value.Thumbprint, inbound.PeerCertificate?.Thumbprint);
    }

    [Fact]
    public async Task Tls_without_a_client_certificate_is_accepted_when_optional()
    {
        await using var server = Server(SipClientCertificateMode.Optional);
        await using var client = Client(null);
        await client.Layer.SendAsync(new SipDestination(SipTransportKind.Tls, server.Tls, "localhost"), RawMessages.Options("z9hG4bKtls2", transport: "TLS"));
        var inbound = await server.NextAsync("the request over TLS");
        Assert.Null(inbound.PeerCertificate);
    }

    [Fact]
    public async Task Tls_without_a_client_certificate_is_refused_when_required()
    {
        await using var server = Server(SipClientCertificateMode.Required);
        await using var client = Client(null);
        try
        {
            // With TLS 1.2 the client sees the refusal in the handshake; with TLS 1.3 only after it, so the send may pass.
            await client.Layer.SendAsync(new SipDestination(SipTransportKind.Tls, server.Tls, "localhost"), RawMessages.Options("z9hG4bKtls3", transport: "TLS"));
        }
        catch (SipTransportException)
        {
        }
        await Eventually.True(() => server.Layer.Counters.ConnectionsRefused == 1, "the server to refuse the handshake without a client certificate");
        await Eventually.True(() => client.Layer.Counters.ConnectionsClosed + client.Layer.Counters.SendFailures >= 1, "the client to see its connection fail");
        Assert.Equal(0, server.Layer.Counters.ConnectionsAccepted);
        Assert.Equal(0, server.Layer.Counters.MessagesReceived);
    }

    [Fact]
    public async Task Tls_server_with_an_untrusted_certificate_is_refused_by_the_client()
    {
        await using var server = Server(SipClientCertificateMode.None);
        await using var client = TransportHarness.Start(); // no trust anchors for the self-signed server
        var error = await Assert.ThrowsAsync<SipTransportException>(async () =>
            await client.Layer.SendAsync(new SipDestination(SipTransportKind.Tls, server.Tls, "localhost"), RawMessages.Options("z9hG4bKtls6", transport: "TLS")));
        Assert.Contains("TLS connection", error.Message);
    }
}

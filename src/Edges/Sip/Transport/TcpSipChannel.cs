using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Edges.Sip.Transport;

/// <summary>SIP over TCP (RFC 3261 §18): the plain socket stream.</summary>
public sealed class TcpSipChannel : SipStreamChannel
{
    internal TcpSipChannel(SipTransportLayer host, IReadOnlyList<IPEndPoint> listen) : base(host, listen)
    {
    }

    public override SipTransportKind Kind => SipTransportKind.Tcp;

    private protected override Task<(Stream Stream, X509Certificate2? PeerCertificate)> AcceptStreamAsync(NetworkStream network, CancellationToken cancellationToken) =>
        Task.FromResult<(Stream, X509Certificate2?)>((network, null));

    private protected override Task<(Stream Stream, X509Certificate2? PeerCertificate)> ConnectStreamAsync(NetworkStream network, SipDestination destination, CancellationToken cancellationToken) =>
        Task.FromResult<(Stream, X509Certificate2?)>((network, null));
}

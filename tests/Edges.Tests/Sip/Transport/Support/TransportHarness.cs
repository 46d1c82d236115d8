using System.Net;
using System.Threading.Channels;
using Cluster.Edges.Sip.Transport;
using Cluster.Edges.Tests.Dns.Support;
using Cluster.TestSupport;

namespace Cluster.Edges.Tests.Sip.Transport.Support;

/// <summary>A transport layer on loopback port 0 whose inbound messages are queued for the test to await.</summary>
internal sealed class TransportHarness : IAsyncDisposable
{
    private readonly Channel<SipInboundMessage> received = Channel.CreateUnbounded<SipInboundMessage>();

    private TransportHarness(SipTransportLayer layer) => Layer = layer;

    public SipTransportLayer Layer { get; }

    public static TransportHarness Start(Func<SipTransportSettings, SipTransportSettings>? configure = null, TimeProvider? time = null,
        Action<SipInboundMessage>? handler = null)
    {
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        var settings = new SipTransportSettings
        {
            UdpListen = [loopback],
            TcpListen = [loopback],
            TlsListen = [],
            AdvertisedHost = "127.0.0.1",
        };
        settings = configure?.Invoke(settings) ?? settings;
        var harness = new TransportHarness(new SipTransportLayer(settings, time));
        harness.Layer.Start(handler ?? (m => harness.received.Writer.TryWrite(m)));
        return harness;
    }

    public IPEndPoint Udp => Layer.GetListenEndPoint(SipTransportKind.Udp);

    public IPEndPoint Tcp => Layer.GetListenEndPoint(SipTransportKind.Tcp);

    public IPEndPoint Tls => Layer.GetListenEndPoint(SipTransportKind.Tls);

    public Task<SipInboundMessage> NextAsync(string expectation) => received.Reader.ReadAsync().AsTask().Within(expectation);

    public ValueTask DisposeAsync() => Layer.DisposeAsync();
}

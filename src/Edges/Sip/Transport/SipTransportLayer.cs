using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Cluster.Edges.Sip.Parsing;
using Serilog;

namespace Cluster.Edges.Sip.Transport;

/// <summary>
/// The node's SIP transports behind one <see cref="ISipSender"/>: UDP sockets and the TCP and TLS channels, the
/// bounded inbound queue to the transaction layer, received/rport stamping (RFC 3261 §18.2.1, RFC 3581), response
/// routing (§18.2.2), the malformed-message rule (400 or drop, via <see cref="SipErrorResponder"/>), the connection
/// limit, and RFC 5626 flows with HMAC-protected flow tokens.
/// </summary>
public sealed class SipTransportLayer : ISipSender, IAsyncDisposable
{
    private readonly List<UdpSipChannel> udp = [];
    private readonly Channel<SipInboundMessage> inbound;
    private readonly CancellationTokenSource stop = new();
    private TcpSipChannel? tcp;
    private TlsSipChannel? tls;
    private Action<SipInboundMessage>? handler;
    private Task dispatchLoop = Task.CompletedTask;
    private int connections;
    private long connectionIds;

    /// <param name="settings">Validated on construction.</param>
    /// <param name="time">Clock for idle timeouts; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Serilog logger; the global one when null.</param>
    public SipTransportLayer(SipTransportSettings settings, TimeProvider? time = null, ILogger? logger = null)
    {
        Settings = settings.Validate();
        Time = time ?? TimeProvider.System;
        Log = (logger ?? Serilog.Log.Logger).ForContext<SipTransportLayer>();
        ParserOptions = settings.ParserOptions;
        FlowTokens = settings.FlowTokenKey is { } key ? new SipFlowTokenCodec(Convert.FromBase64String(key)) : SipFlowTokenCodec.CreateRandom();
        inbound = Channel.CreateBounded<SipInboundMessage>(new BoundedChannelOptions(settings.InboundQueueSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public SipTransportSettings Settings { get; }

    public SipTransportCounters Counters { get; } = new();

    public SipFlowTokenCodec FlowTokens { get; }

    internal TimeProvider Time { get; }

    internal ILogger Log { get; }

    internal SipParserOptions ParserOptions { get; }

    /// <summary>The channels, UDP first, then TCP and TLS.</summary>
    public IReadOnlyList<SipChannel> Channels => [.. udp, .. tcp is null ? Array.Empty<SipChannel>() : [tcp], .. tls is null ? Array.Empty<SipChannel>() : [tls]];

    /// <summary>
    /// Binds every listener and starts delivering inbound messages to <paramref name="onMessage"/> (usually
    /// <c>SipTransactionLayer.OnInbound</c>), one at a time from the bounded queue. Throws when a bind fails.
    /// </summary>
    public void Start(Action<SipInboundMessage> onMessage)
    {
        if (handler is not null) throw new InvalidOperationException("the transport layer is already started");
        handler = onMessage ?? throw new ArgumentNullException(nameof(onMessage));
        try
        {
            foreach (var ep in Settings.UdpListen) udp.Add(new UdpSipChannel(this, ep));
            tcp = new TcpSipChannel(this, Settings.TcpListen);
            tls = new TlsSipChannel(this, Settings.TlsListen);
            foreach (var channel in Channels) channel.Start();
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException($"SIP transport could not bind: {ex.Message}", ex);
        }
        dispatchLoop = Task.Run(DispatchLoop);
        Log.Information("SIP transports listening: {Listeners}", string.Join(", ", ListenSummary()));
    }

    /// <summary>The bound address of the first listener of a transport (tests bind to port 0 and ask).</summary>
    public IPEndPoint GetListenEndPoint(SipTransportKind transport) => transport switch
    {
        SipTransportKind.Udp => udp.FirstOrDefault()?.LocalEndPoint,
        SipTransportKind.Tcp => tcp?.ListenEndPoints.FirstOrDefault(),
        SipTransportKind.Tls => tls?.ListenEndPoints.FirstOrDefault(),
        _ => null,
    } ?? throw new InvalidOperationException($"no {transport} listener is bound");

    /// <summary>Every bound listener, for the node's start-up summary.</summary>
    public IEnumerable<(string Transport, IPEndPoint EndPoint)> ListenEndPoints()
    {
        foreach (var channel in udp)
        {
            if (channel.LocalEndPoint is { } endPoint) yield return ("udp", endPoint);
        }
        foreach (var endPoint in tcp?.ListenEndPoints ?? []) yield return ("tcp", endPoint);
        foreach (var endPoint in tls?.ListenEndPoints ?? []) yield return ("tls", endPoint);
    }

    public string GetSentBy(SipTransportKind transport)
    {
        IPEndPoint? bound = transport switch
        {
            SipTransportKind.Udp => udp.FirstOrDefault()?.LocalEndPoint,
            SipTransportKind.Tcp => tcp?.ListenEndPoints.FirstOrDefault(),
            _ => tls?.ListenEndPoints.FirstOrDefault(),
        };
        var host = Settings.AdvertisedHost ?? (bound is null || bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any)
            ? System.Net.Dns.GetHostName()
            : bound.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString());
        return $"{host}:{bound?.Port ?? transport.DefaultPort()}";
    }

    public async ValueTask SendAsync(SipDestination destination, ReadOnlyMemory<byte> message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await ChannelFor(destination.Transport, destination.Flow).SendAsync(destination, message, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask SendResponseAsync(SipFlow requestFlow, SipVia topVia, ReadOnlyMemory<byte> response, CancellationToken cancellationToken = default)
    {
        if (requestFlow.IsConnection)
        {
            // RFC 3261 §18.2.2: over the connection the request came on; if it is gone, open one to received + sent-by port.
            var stream = (SipStreamChannel)ChannelFor(requestFlow.Transport, null);
            if (await stream.TrySendOnConnectionAsync(requestFlow.ConnectionId, response, cancellationToken).ConfigureAwait(false)) return;
            var address = IPAddress.TryParse(topVia.Received, out var received) ? received : requestFlow.Remote.Address;
            var target = new SipDestination(requestFlow.Transport, new IPEndPoint(address, topVia.Port ?? requestFlow.Transport.DefaultPort()));
            await stream.SendAsync(target, response, cancellationToken).ConfigureAwait(false);
            return;
        }
        await ChannelFor(SipTransportKind.Udp, requestFlow).SendAsync(new SipDestination(SipTransportKind.Udp, UdpResponseTarget(requestFlow, topVia)), response, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// RFC 3261 §18.2.2 and RFC 3581 §4 for unreliable transports: maddr if present, else the received address with
    /// the rport (or the sent-by port, or 5060), else the sent-by address.
    /// </summary>
    internal static IPEndPoint UdpResponseTarget(SipFlow requestFlow, SipVia via)
    {
        if (via.MAddr is { } maddr && IPAddress.TryParse(maddr.Trim('[', ']'), out var multicast))
            return new IPEndPoint(multicast, via.Port ?? 5060);
        if (via.Received is { } receivedText && IPAddress.TryParse(receivedText.Trim('[', ']'), out var received))
            return new IPEndPoint(received, via.RPort ?? via.Port ?? 5060);
        if (IPAddress.TryParse(via.Host.Trim('[', ']'), out var sentBy))
            return new IPEndPoint(sentBy, via.RPort ?? via.Port ?? 5060);
        return requestFlow.Remote; // a host name that matched nothing: the packet source is the only address known
    }

    /// <summary>An opaque, HMAC-protected token for a flow (RFC 5626 §5.2), for a Path/Record-Route/Contact user part.</summary>
    public string CreateFlowToken(SipFlow flow) => FlowTokens.Encode(flow);

    /// <summary>
    /// Maps a flow token back to a destination on its live connection. Throws <see cref="SipTransportException"/>
    /// when the token is forged or corrupted, or when the flow's connection is gone (RFC 5626 §5.3: the proxy then
    /// answers 430 Flow Failed).
    /// </summary>
    public SipDestination ResolveFlowToken(string token)
    {
        if (!FlowTokens.TryDecode(token, out var flow)) throw new SipTransportException("flow token is invalid or was tampered with");
        if (!IsFlowAlive(flow!)) throw new SipTransportException($"flow {flow} is gone: its connection was closed");
        return SipDestination.OnFlow(flow!);
    }

    /// <summary>True while the flow's connection (or UDP socket) exists on this node.</summary>
    public bool IsFlowAlive(SipFlow flow)
    {
        try
        {
            return ChannelFor(flow.Transport, flow).IsAlive(flow);
        }
        catch (SipTransportException)
        {
            return false;
        }
    }

    private SipChannel ChannelFor(SipTransportKind transport, SipFlow? flow) => transport switch
    {
        SipTransportKind.Udp => (flow is null ? udp.FirstOrDefault() : udp.FirstOrDefault(u => u.LocalEndPoint.Equals(flow.Local)))
            ?? throw new SipTransportException(flow is null ? "no UDP socket is bound (uc.sip.udp.listen is empty)" : $"flow {flow} is gone: no UDP socket on {flow.Local}"),
        SipTransportKind.Tcp => tcp ?? throw new SipTransportException("the SIP transports are not started"),
        SipTransportKind.Tls => tls ?? throw new SipTransportException("the SIP transports are not started"),
        _ => throw new SipTransportException($"transport {transport} is not supported"),
    };

    /// <summary>A parsed message from a channel: stamp received/rport on requests and queue it for the dispatcher.</summary>
    internal ValueTask ReceiveAsync(SipMessage message, SipFlow flow, X509Certificate2? peerCertificate, bool canWait)
    {
        Counters.MessageReceived();
        if (message.IsRequest) message = SipViaStamper.Stamp(message, flow.Remote, ParserOptions);
        var item = new SipInboundMessage(message, flow, peerCertificate);
        if (inbound.Writer.TryWrite(item)) return ValueTask.CompletedTask;
        if (!canWait)
        {
            Counters.InboundWasDropped(); // UDP: shed; the peer retransmits
            return ValueTask.CompletedTask;
        }
        return inbound.Writer.WriteAsync(item, stop.Token); // streams: back-pressure by not reading
    }

    internal void Receive(SipMessage message, SipFlow flow, X509Certificate2? peerCertificate, bool canWait)
    {
        var pending = ReceiveAsync(message, flow, peerCertificate, canWait);
        if (!pending.IsCompleted) _ = pending.AsTask();
    }

    /// <summary>
    /// The edge rule for a message the parser refused: the 400/505 to send (null when it must be dropped); the caller
    /// sends it on the flow the message came on. Counted and logged either way.
    /// </summary>
    internal ReadOnlyMemory<byte>? RejectMalformed(ReadOnlySpan<byte> raw, SipParseError error, SipFlow flow)
    {
        var writer = new ArrayBufferWriter<byte>(512);
        if (SipErrorResponder.TryWriteErrorResponse(raw, error, writer))
        {
            Counters.MalformedWasAnswered();
            Log.Debug("Malformed request from {Flow} answered: {Reason}", flow, error.Reason);
            return writer.WrittenMemory;
        }
        Counters.MalformedWasDropped();
        Log.Debug("Malformed message from {Flow} dropped: {Reason}", flow, error.Reason);
        return null;
    }

    internal void RejectMalformed(ReadOnlySpan<byte> raw, SipParseError error, SipFlow flow, Func<ReadOnlyMemory<byte>, ValueTask> send)
    {
        if (RejectMalformed(raw, error, flow) is not { } reply) return;
        try
        {
            var pending = send(reply);
            if (!pending.IsCompletedSuccessfully) _ = pending.AsTask().ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
        catch (SipTransportException ex)
        {
            Log.Debug("Error response to {Flow} not sent: {Error}", flow, ex.Message);
        }
    }

    internal bool TryReserveConnection()
    {
        if (Interlocked.Increment(ref connections) <= Settings.MaxConnections) return true;
        Interlocked.Decrement(ref connections);
        return false;
    }

    internal void ReleaseConnection() => Interlocked.Decrement(ref connections);

    internal long NextConnectionId() => Interlocked.Increment(ref connectionIds);

    private async Task DispatchLoop()
    {
        try
        {
            await foreach (var message in inbound.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                try
                {
                    handler!(message);
                }
                catch (Exception ex)
                {
                    Counters.LoopFault();
                    Log.Error(ex, "Inbound handler failed on {Message}", message);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private IEnumerable<string> ListenSummary()
    {
        foreach (var u in udp) yield return $"udp {u.LocalEndPoint}";
        foreach (var ep in tcp?.ListenEndPoints ?? []) yield return $"tcp {ep}";
        foreach (var ep in tls?.ListenEndPoints ?? []) yield return $"tls {ep}";
    }

    public async ValueTask DisposeAsync()
    {
        if (stop.IsCancellationRequested) return;
        stop.Cancel();
        inbound.Writer.TryComplete();
        foreach (var channel in Channels) await channel.DisposeAsync().ConfigureAwait(false);
        try
        {
            await dispatchLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

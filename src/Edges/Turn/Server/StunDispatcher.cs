using Cluster.Edges.Turn.Stun;
using Serilog;

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// Transport-independent front door of the STUN/TURN server: validates a datagram or stream frame, applies the
/// checks every method shares (RFC 8489 §6.3: FINGERPRINT, unknown comprehension-required attributes → 420,
/// unknown method → 400) and hands the message to the handler registered for its method. Listeners own sockets and
/// buffers; the dispatcher owns protocol decisions, so UDP, TCP and later TLS behave the same.
/// </summary>
public sealed class StunDispatcher
{
    /// <summary>RFC 3489 CHANGE-REQUEST and RESPONSE-ADDRESS: old clients send them; they are ignored, not refused.</summary>
    private static readonly Func<ushort, bool> Rfc3489Attributes = static type => type is 0x0002 or 0x0003;

    private static readonly Func<ushort, bool> NoExtraAttributes = static _ => false;

    private readonly Dictionary<ushort, IStunMethodHandler> handlers;
    private readonly StunServerCounters counters;
    private readonly string software;
    private readonly bool allowRfc3489;
    private readonly ILogger log;
    private readonly IStunDataPlane? dataPlane;

    /// <remarks><c>dataPlane</c>: where ChannelData and connection ends go (the TURN server); null for plain STUN.</remarks>
    public StunDispatcher(StunSettings settings, IEnumerable<IStunMethodHandler> handlers, StunServerCounters counters, ILogger? log = null, IStunDataPlane? dataPlane = null)
    {
        this.dataPlane = dataPlane;
        this.handlers = new Dictionary<ushort, IStunMethodHandler>();
        foreach (var handler in handlers)
        {
            if (!this.handlers.TryAdd((ushort)handler.Method, handler))
            {
                throw new ArgumentException($"Two handlers registered for STUN method {handler.Method}.", nameof(handlers));
            }
        }

        this.counters = counters;
        software = settings.Software;
        allowRfc3489 = settings.AllowRfc3489;
        this.log = log ?? Log.ForContext<StunDispatcher>();
    }

    /// <summary>A dispatcher that answers Binding only: the plain STUN server.</summary>
    public static StunDispatcher BindingOnly(StunSettings settings, StunServerCounters counters, ILogger? log = null) =>
        new(settings, [new StunBindingHandler(settings.Software)], counters, log);

    public StunServerCounters Counters => counters;

    /// <summary>
    /// Processes one message from <paramref name="clientAddress"/>:<paramref name="clientPort"/> and returns the
    /// length of the response written to <paramref name="response"/>, or 0 when nothing is to be sent. Never throws.
    /// </summary>
    public int Process(ReadOnlySpan<byte> packet, ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport, Span<byte> response, StunClientChannel? channel = null)
    {
        counters.OnReceived();
        if (!StunMessage.TryParse(packet, out var message, out var error, allowRfc3489))
        {
            counters.OnMalformed();
            log.Debug("STUN {Transport} packet of {Length} bytes from port {Port} dropped: {Error}", transport, packet.Length, clientPort, error);
            return 0;
        }

        if (message.HasFingerprint && !message.VerifyFingerprint())
        {
            counters.OnMalformed();
            log.Debug("STUN {Transport} packet from port {Port} dropped: FINGERPRINT mismatch", transport, clientPort);
            return 0;
        }

        if (message.Class is StunClass.SuccessResponse or StunClass.ErrorResponse)
        {
            counters.OnUnhandled();
            return 0;
        }

        var isRequest = message.Class == StunClass.Request;
        Span<ushort> unknown = stackalloc ushort[16];
        var unknownCount = message.CollectUnknownComprehensionRequired(unknown, message.HasMagicCookie ? NoExtraAttributes : Rfc3489Attributes);
        if (unknownCount > 0)
        {
            // RFC 8489 §6.3.1.1 / §6.3.2: a request gets 420 listing them, an indication is discarded.
            return isRequest
                ? Answer(StunResponses.WriteError(response, in message, StunErrorCodes.UnknownAttribute, software, unknownAttributes: unknown[..Math.Min(unknownCount, unknown.Length)]), error: true)
                : Unhandled();
        }

        if (!handlers.TryGetValue(message.MethodNumber, out var handler))
        {
            return isRequest
                ? Answer(StunResponses.WriteError(response, in message, StunErrorCodes.BadRequest, software, "Unknown method"), error: true)
                : Unhandled();
        }

        int written;
        try
        {
            written = handler.Handle(new StunRequestContext(message, clientAddress, clientPort, transport, channel), response);
        }
        catch (Exception ex)
        {
            log.Error(ex, "STUN handler for {Method} failed", message.Method);
            return isRequest
                ? Answer(StunResponses.WriteError(response, in message, StunErrorCodes.ServerError, software), error: true)
                : Unhandled();
        }

        if (written == 0)
        {
            return 0; // an indication consumed, or a request the handler answers later
        }

        return Answer(written, error: StunMessageType.DecodeClass((ushort)((response[0] << 8) | response[1])) == StunClass.ErrorResponse);
    }

    /// <summary>
    /// A ChannelData message (first two bits 01, RFC 8656 §12.4) from a client: handed to the data plane, or counted
    /// as unhandled when there is none or it had no channel for it.
    /// </summary>
    public void ProcessChannelData(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport)
    {
        counters.OnReceived();
        if (dataPlane is null || !dataPlane.OnChannelData(frame, clientAddress, clientPort, transport))
        {
            counters.OnUnhandled();
        }
    }

    /// <summary>A stream connection from the client ended (TURN deletes the allocation bound to it).</summary>
    public void ConnectionClosed(ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport) =>
        dataPlane?.OnConnectionClosed(clientAddress, clientPort, transport);

    /// <summary>Whether the connection carries an allocation and must outlive the listener's idle timeout.</summary>
    public bool ConnectionInUse(ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport) =>
        dataPlane is not null && dataPlane.HasAllocation(clientAddress, clientPort, transport);

    private int Answer(int length, bool error)
    {
        counters.OnAnswered(error);
        return length;
    }

    private int Unhandled()
    {
        counters.OnUnhandled();
        return 0;
    }
}

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// The way back to one client: a TURN allocation answers requests later (from its actor) and pushes relayed data
/// (Data indications, ChannelData) to the client long after the request that created it returned. One subclass per
/// transport (UDP shares the listener socket, TCP owns a connection), so the relay code never asks which it is.
/// </summary>
public abstract class StunClientChannel
{
    public abstract StunTransport Transport { get; }

    /// <summary>False once the channel cannot carry data any more (TCP connection closed).</summary>
    public abstract bool IsOpen { get; }

    /// <summary>
    /// Sends one datagram or stream frame synchronously. Returns false when it was not sent (socket error, closed);
    /// never throws, because it runs on relay receive loops and actors that must not die of a vanished client.
    /// </summary>
    public abstract bool Send(ReadOnlySpan<byte> data);

    /// <summary>
    /// A channel that stays valid after the current request returns. Listeners hand handlers a reusable channel
    /// whose UDP remote address changes with every datagram; <see cref="Pin"/> copies what must be kept.
    /// </summary>
    public abstract StunClientChannel Pin();
}

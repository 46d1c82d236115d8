namespace Cluster.Edges.Turn.Server;

/// <summary>
/// The TURN data path as the listeners see it: ChannelData frames (RFC 8656 §12.4) and the end of TCP connections,
/// neither of which is a STUN method. Implemented by the TURN server; a plain STUN server has none and the
/// dispatcher counts such traffic as unhandled. Calls come straight from socket receive loops: implementations
/// must not block and must not allocate per packet.
/// </summary>
public interface IStunDataPlane
{
    /// <summary>A ChannelData message from a client (a whole datagram, or one frame cut from a stream).</summary>
    /// <returns>False when nothing took the data (no allocation or channel): the caller counts it as dropped.</returns>
    bool OnChannelData(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport);

    /// <summary>A stream connection ended; RFC 8656 §3.1: its allocation goes with it.</summary>
    void OnConnectionClosed(ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport);

    /// <summary>Whether an allocation lives on this connection (then the idle timeout does not close it).</summary>
    bool HasAllocation(ReadOnlySpan<byte> clientAddress, ushort clientPort, StunTransport transport);
}

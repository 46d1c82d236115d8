using Cluster.Edges.Turn.Stun;

namespace Cluster.Edges.Turn.Server;

/// <summary>
/// Handles one STUN method for <see cref="StunDispatcher"/>. Binding is built in; the TURN methods (Allocate,
/// Refresh, CreatePermission, ChannelBind, Send) plug in here later, each forwarding to the allocation's edge actor.
/// Generic checks (framing, FINGERPRINT, unknown comprehension-required attributes) are done before a handler runs.
/// </summary>
public interface IStunMethodHandler
{
    StunMethod Method { get; }

    /// <summary>
    /// Writes the response into <paramref name="response"/> and returns its length, or 0 to send nothing (every
    /// indication, or a request answered later). Must not throw for bad input: answer 400 instead.
    /// </summary>
    int Handle(in StunRequestContext context, Span<byte> response);
}

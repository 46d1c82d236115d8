using System.Buffers;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Receives every message that arrives from other nodes. Called on the connection's read loop, so an implementation
/// must be quick (deserialize and enqueue into a mailbox) and must not block. The payload sequence is a view of
/// the transport's pooled receive buffer and is valid only until the method returns: deserialize it or copy it, never
/// keep the sequence. Exceptions are caught, counted (<see cref="RemotingCounters.InboundHandlerFailures"/>) and
/// logged; they never close the connection.
/// </summary>
public interface IInboundHandler
{
    void OnMessage(NodeAddress from, string recipientPath, string? senderPath, string manifest, ReadOnlySequence<byte> payload);

    /// <summary>
    /// A system message (death watch and similar control traffic), which travels on the priority queue. Receives the
    /// sender's incarnation because such messages concern one life of a node. Defaults to <see cref="OnMessage"/>.
    /// </summary>
    void OnSystemMessage(UniqueAddress from, string recipientPath, string? senderPath, string manifest, ReadOnlySequence<byte> payload) =>
        OnMessage(from.Address, recipientPath, senderPath, manifest, payload);
}

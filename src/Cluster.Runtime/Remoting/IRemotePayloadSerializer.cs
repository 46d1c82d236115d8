using System.Buffers;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Turns messages into (manifest, bytes) and back. Injected so that the transport knows nothing of message types; the
/// kernel's serialization registry implements it. <see cref="Serialize"/> writes straight into the outgoing frame's
/// pooled buffer, so a message is copied once on its way to the socket.
/// </summary>
public interface IRemotePayloadSerializer
{
    /// <summary>Stable manifest naming the message's type and version (written before the payload).</summary>
    string GetManifest(object message);

    void Serialize(object message, IBufferWriter<byte> output);

    /// <summary>Rebuilds a message; <paramref name="payload"/> is valid only during the call.</summary>
    object Deserialize(string manifest, ReadOnlySequence<byte> payload);
}

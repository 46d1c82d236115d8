namespace Cluster.Runtime.Remoting;

/// <summary>The byte after the length prefix of every frame (docs/runtime/remoting.md, "Frame layout").</summary>
public enum FrameKind : byte
{
    Handshake = 1,
    UserMessage = 2,
    SystemMessage = 3,
    Heartbeat = 4,
    HeartbeatAck = 5,
    Close = 6,
}

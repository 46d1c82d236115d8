namespace Cluster.Runtime.Remoting;

/// <summary>
/// Decoded handshake: the first frame in each direction of a connection. Carries the identity of the node that sent it
/// (system name, public address, incarnation uid); the answer carries the responder's identity plus accept/reject.
/// </summary>
public sealed record HandshakeFrame(
    HandshakePhase Phase,
    HandshakeRejectReason RejectReason,
    string SystemName,
    NodeAddress From,
    long Uid)
{
    /// <summary>"UCRM": lets a responder tell a remoting peer from a stray client on the first 4 bytes.</summary>
    public const uint Magic = 0x5543524D;

    /// <summary>Wire version; a peer with another version is refused as malformed.</summary>
    public const byte Version = 1;
}

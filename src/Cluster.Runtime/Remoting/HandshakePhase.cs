namespace Cluster.Runtime.Remoting;

/// <summary>Which step of the handshake a handshake frame is: the initiator's request or the responder's answer.</summary>
public enum HandshakePhase : byte
{
    Request = 0,
    Accept = 1,
    Reject = 2,
}

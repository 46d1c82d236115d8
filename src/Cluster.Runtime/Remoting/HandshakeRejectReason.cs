namespace Cluster.Runtime.Remoting;

/// <summary>Why a responder refused a connection; sent in a rejecting handshake frame so the initiator can log it.</summary>
public enum HandshakeRejectReason : byte
{
    None = 0,
    /// <summary>The peers belong to different clusters (system names differ).</summary>
    SystemNameMismatch = 1,
    /// <summary>Another connection between the same two nodes won the simultaneous-connect tie-break.</summary>
    DuplicateConnection = 2,
    /// <summary>The responder is shutting down.</summary>
    ShuttingDown = 3,
    /// <summary>The initiator claims the responder's own address.</summary>
    InvalidAddress = 4,
}

namespace Cluster.Edges.Sip.Transactions;

/// <summary>Transaction timers, named as in RFC 3261 Table 4 and RFC 6026 §8.</summary>
public enum SipTimer : byte
{
    /// <summary>INVITE request retransmit (unreliable), T1 doubling.</summary>
    A,
    /// <summary>INVITE transaction timeout, 64*T1.</summary>
    B,
    /// <summary>Wait for response retransmits after a non-2xx final: 32 s unreliable, 0 reliable.</summary>
    D,
    /// <summary>Non-INVITE request retransmit (unreliable), T1 doubling up to T2.</summary>
    E,
    /// <summary>Non-INVITE transaction timeout, 64*T1.</summary>
    F,
    /// <summary>INVITE non-2xx final response retransmit (unreliable), T1 doubling up to T2.</summary>
    G,
    /// <summary>Wait for ACK, 64*T1.</summary>
    H,
    /// <summary>Wait for ACK retransmits: T4 unreliable, 0 reliable.</summary>
    I,
    /// <summary>Wait for non-INVITE request retransmits: 64*T1 unreliable, 0 reliable.</summary>
    J,
    /// <summary>Wait for non-INVITE response retransmits: T4 unreliable, 0 reliable.</summary>
    K,
    /// <summary>RFC 6026: INVITE server in Accepted, 64*T1.</summary>
    L,
    /// <summary>RFC 6026: INVITE client in Accepted, 64*T1.</summary>
    M,
    /// <summary>RFC 3261 §17.2.1: send 100 Trying if the TU has not answered within 200 ms.</summary>
    Trying,
}

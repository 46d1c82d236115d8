namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// States of the four RFC 3261 §17 state machines (plus <see cref="Accepted"/> of RFC 6026). Each machine uses a
/// subset; the diagrams are in the transaction classes.
/// </summary>
public enum SipTransactionState : byte
{
    /// <summary>INVITE client: request sent, no response yet (§17.1.1.2).</summary>
    Calling,

    /// <summary>Non-INVITE client and server: request sent/received, no response yet (§17.1.2.2, §17.2.2).</summary>
    Trying,

    /// <summary>A provisional response was received or sent.</summary>
    Proceeding,

    /// <summary>A final (non-2xx for INVITE) response was received or sent; retransmissions are absorbed.</summary>
    Completed,

    /// <summary>INVITE server: the ACK for a non-2xx arrived (§17.2.1); ACK retransmissions are absorbed.</summary>
    Confirmed,

    /// <summary>
    /// RFC 6026 §7: a 2xx to an INVITE was sent or received; retransmissions of the INVITE or of the 2xx go to the
    /// TU instead of creating a new transaction or being lost.
    /// </summary>
    Accepted,

    /// <summary>Done; removed from the table.</summary>
    Terminated,
}

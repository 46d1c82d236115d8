using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// The transaction user for incoming traffic (UAS core, registrar, proxy core). Callbacks run on the inbound
/// dispatch or timer threads, never under a transaction lock, and must not block: hand work to an entity or actor.
/// </summary>
public interface ISipTransactionUser
{
    /// <summary>A new request created <paramref name="transaction"/>; answer through it (RFC 3261 §17.2).</summary>
    void OnRequest(SipServerTransaction transaction, SipInboundMessage request);

    /// <summary>
    /// An ACK that is not for a non-2xx response of a live transaction: the ACK for a 2xx (its own transaction,
    /// RFC 3261 §17.1.1.3, §13.3.1.4) or a stray one. <paramref name="inviteTransaction"/> is the RFC 6026 Accepted
    /// INVITE transaction it matched, if any.
    /// </summary>
    void OnAck(SipInboundMessage ack, SipServerTransaction? inviteTransaction);

    /// <summary>
    /// A CANCEL matched a pending INVITE (RFC 3261 §9.2). The layer has answered the CANCEL with 200; after this call it
    /// answers the INVITE with 487 unless the TU sent a final response in the callback.
    /// </summary>
    void OnCancel(SipServerTransaction inviteTransaction, SipInboundMessage cancel);

    /// <summary>
    /// A response that matches no client transaction, e.g. a 2xx retransmission after the INVITE transaction ended
    /// (the UAC core ACKs it again, RFC 3261 §13.2.2.4).
    /// </summary>
    void OnUnmatchedResponse(SipInboundMessage response);

    /// <summary>A server transaction ended badly: no ACK before Timer H, or the response could not be sent (§17.2.4).</summary>
    void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionFailure failure);
}

/// <summary>Why a server transaction failed.</summary>
public enum SipTransactionFailure : byte
{
    /// <summary>Timer H fired: no ACK for a non-2xx final response (RFC 3261 §17.2.1).</summary>
    AckTimeout,

    /// <summary>The transport could not deliver a response (RFC 3261 §17.2.4).</summary>
    TransportError,
}

using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// The owner of a client transaction (a UAC core, a proxy branch, the fail-over sender). Callbacks run on transport
/// or timer threads, never under a transaction lock, and must not block.
/// </summary>
public interface ISipClientTransactionUser
{
    /// <summary>A response for the transaction (provisional, final, or an RFC 6026 2xx retransmission).</summary>
    void OnResponse(SipClientTransaction transaction, SipInboundMessage response);

    /// <summary>Timer B or F fired: treat as a 408 (RFC 3261 §8.1.3.1); RFC 3263 §4.3 allows trying the next target.</summary>
    void OnTimeout(SipClientTransaction transaction);

    /// <summary>The request could not be sent (RFC 3261 §17.1.4); the transaction is terminated.</summary>
    void OnTransportError(SipClientTransaction transaction, SipTransportException error);
}

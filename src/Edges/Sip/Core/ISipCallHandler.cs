using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Core;

/// <summary>
/// The one hook through which the SIP edge hands call-related methods (INVITE, ACK, BYE, CANCEL, REFER, UPDATE, PRACK,
/// INFO) to the call layer. Until that layer exists, <see cref="NotImplementedCallHandler"/> answers them 501, so
/// replacing it is the only change the call work needs in the edge.
/// </summary>
public interface ISipCallHandler
{
    /// <summary>Methods the handler implements; they are added to the edge's Allow header.</summary>
    IReadOnlyList<string> SupportedMethods { get; }

    /// <summary>A call-related request; answer through <paramref name="transaction"/>. Must not block.</summary>
    void OnRequest(SipServerTransaction transaction, SipInboundMessage request);

    /// <summary>An ACK for a 2xx (or a stray one), see <see cref="ISipTransactionUser.OnAck"/>.</summary>
    void OnAck(SipInboundMessage ack, SipServerTransaction? inviteTransaction);

    /// <summary>A CANCEL matched a pending INVITE, see <see cref="ISipTransactionUser.OnCancel"/>.</summary>
    void OnCancel(SipServerTransaction inviteTransaction, SipInboundMessage cancel);
}

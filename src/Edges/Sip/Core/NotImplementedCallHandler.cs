using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Core;

/// <summary>
/// The call hook before calls exist: every call-related request is answered 501 Not Implemented (RFC 3261 §8.2.1 for
/// methods a UAS recognises but does not support), ACKs and CANCELs have nothing to act on.
/// </summary>
public sealed class NotImplementedCallHandler : ISipCallHandler
{
    public static readonly NotImplementedCallHandler Instance = new();

    public IReadOnlyList<string> SupportedMethods => [];

    public void OnRequest(SipServerTransaction transaction, SipInboundMessage request) => transaction.Respond(501, "Not Implemented");

    public void OnAck(SipInboundMessage ack, SipServerTransaction? inviteTransaction)
    {
    }

    public void OnCancel(SipServerTransaction inviteTransaction, SipInboundMessage cancel)
    {
    }
}

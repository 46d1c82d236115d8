using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// A server transaction (RFC 3261 §17.2): absorbs request retransmissions by resending the last response, and
/// sends the TU's responses back along the request's path (§18.2.2). Requests are matched to it by top Via branch,
/// sent-by and method (§17.2.3), or by the RFC 2543 fields when the branch lacks the magic cookie.
/// </summary>
public abstract class SipServerTransaction : SipTransaction
{
    private string? localTag;

    private protected SipServerTransaction(SipTransactionLayer layer, SipInboundMessage inbound, string branch)
        : base(layer, inbound.Message, branch, inbound.Flow.Transport.IsReliable())
    {
        Inbound = inbound;
    }

    /// <summary>The request with the flow it came on (and the TLS peer certificate, if any).</summary>
    public SipInboundMessage Inbound { get; }

    /// <summary>The flow responses go back on (RFC 3261 §18.2.2).</summary>
    public SipFlow Flow => Inbound.Flow;

    /// <summary>The last response sent, if any.</summary>
    public SipMessage? LastResponse { get; private protected set; }

    /// <summary>
    /// The To tag this transaction's responses carry when the request had none (RFC 3261 §8.2.6.2): one value for
    /// every response, so a 180 and the final response agree.
    /// </summary>
    public string LocalTag => localTag ??= Request.ToTag ?? SipMessageBuilder.NewTag();

    /// <summary>
    /// Sends a response built from the request (§8.2.6) with the transaction's To tag; <paramref name="amend"/> adds
    /// headers or a body. Returns false when the transaction no longer takes responses (already final, terminated).
    /// </summary>
    public bool Respond(int statusCode, string reasonPhrase, Action<SipMessageBuilder>? amend = null)
    {
        var builder = SipMessageBuilder.CreateResponse(Request, statusCode, reasonPhrase, LocalTag);
        amend?.Invoke(builder);
        return SendResponse(SipRequestFactory.Materialize(builder, Layer.ParserOptions));
    }

    /// <summary>
    /// Sends a response the TU built. It must answer this request (same CSeq). Returns false when the state does
    /// not allow it (a second final response, a response after termination).
    /// </summary>
    public bool SendResponse(SipMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsResponse) throw new ArgumentException("a server transaction sends responses only", nameof(response));
        if (response.CSeq.Number != Request.CSeq.Number || response.CSeq.MethodToken != Request.CSeq.MethodToken)
            throw new ArgumentException($"response CSeq {response.CSeq} does not answer request CSeq {Request.CSeq}", nameof(response));
        return SendResponseCore(response);
    }

    private protected abstract bool SendResponseCore(SipMessage response);

    /// <summary>A retransmission of the request matched this transaction.</summary>
    internal abstract void OnRetransmission(SipInboundMessage request);

    private protected void SendResponseBytes(ReadOnlyMemory<byte> bytes) =>
        Send(() => Layer.Sender.SendResponseAsync(Flow, Request.TopVia, bytes));

    private protected override void OnTransportFailure(SipTransportException error)
    {
        lock (Gate)
        {
            if (!TerminateLocked()) return;
        }
        Layer.Counters.RecordTransportError();
        Layer.Log.Warning("Response for {Request} could not be sent over {Flow}: {Error}", Request, Flow, error.Message);
        Layer.Call(() => Layer.User.OnServerTransactionFailed(this, SipTransactionFailure.TransportError));
    }
}

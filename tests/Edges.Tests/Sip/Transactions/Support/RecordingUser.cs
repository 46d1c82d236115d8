using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Tests.Sip.Transactions.Support;

/// <summary>Records every TU callback; optional hooks let a test answer inside a callback.</summary>
internal sealed class RecordingUser : ISipTransactionUser, ISipClientTransactionUser
{
    public List<(SipServerTransaction Tx, SipInboundMessage Request)> Requests { get; } = [];
    public List<(SipInboundMessage Ack, SipServerTransaction? Tx)> Acks { get; } = [];
    public List<SipInboundMessage> Cancels { get; } = [];
    public List<SipInboundMessage> Unmatched { get; } = [];
    public List<(SipServerTransaction Tx, SipTransactionFailure Failure)> Failures { get; } = [];
    public List<SipInboundMessage> Responses { get; } = [];
    public List<SipClientTransaction> Timeouts { get; } = [];
    public List<SipTransportException> TransportErrors { get; } = [];

    public Action<SipServerTransaction, SipInboundMessage>? OnRequestHook { get; set; }

    public void OnRequest(SipServerTransaction transaction, SipInboundMessage request)
    {
        lock (this) Requests.Add((transaction, request));
        OnRequestHook?.Invoke(transaction, request);
    }

    public void OnAck(SipInboundMessage ack, SipServerTransaction? inviteTransaction) { lock (this) Acks.Add((ack, inviteTransaction)); }

    public void OnCancel(SipServerTransaction inviteTransaction, SipInboundMessage cancel) { lock (this) Cancels.Add(cancel); }

    public void OnUnmatchedResponse(SipInboundMessage response) { lock (this) Unmatched.Add(response); }

    public void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionFailure failure) { lock (this) Failures.Add((transaction, failure)); }

    public void OnResponse(SipClientTransaction transaction, SipInboundMessage response) { lock (this) Responses.Add(response); }

    public void OnTimeout(SipClientTransaction transaction) { lock (this) Timeouts.Add(transaction); }

    public void OnTransportError(SipClientTransaction transaction, SipTransportException error) { lock (this) TransportErrors.Add(error); }
}

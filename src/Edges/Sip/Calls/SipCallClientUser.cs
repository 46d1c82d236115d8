using Cluster.Actors.Calls;
using Cluster.Edges.Sip.Transactions;
using Cluster.Edges.Sip.Transport;
using CallMethod = Cluster.Actors.Calls.SipMethod;

namespace Cluster.Edges.Sip.Calls;

/// <summary>
/// The owner of one request a call sent on a leg: every response (and a timeout or transport failure, reported as
/// 408 / 503 per RFC 3261 §8.1.3.1) goes back to the call entity as <see cref="ReceiveResponse"/> with the dialog fields
/// the response establishes (To-tag, Contact, Record-Route reversed: RFC 3261 §12.1.2). Responses are de-duplicated by
/// the entity (the command id names Call-ID, CSeq, method, status and To-tag).
/// </summary>
internal sealed class SipCallClientUser(SipCallHandler handler, string callId, string legId, bool tracksInvite) : ISipClientTransactionUser
{
    /// <summary>True for a dialog-creating INVITE, kept so a CANCEL can find it.</summary>
    public bool TracksInvite => tracksInvite;

    public void OnResponse(SipClientTransaction transaction, SipInboundMessage response)
    {
        var message = response.Message;
        var method = Method(transaction);
        if (message.StatusCode >= 200 && tracksInvite)
        {
            handler.ForgetInvite(callId, legId, transaction);
        }

        if (method == CallMethod.Invite && message.StatusCode is >= 200 and < 300 && handler.RepeatAck(message))
        {
            return; // a retransmitted 2xx we ACKed already (RFC 3261 §13.2.2.4)
        }

        var command = new ReceiveResponse(
            legId,
            method,
            message.CSeq.Number,
            message.StatusCode,
            message.ReasonPhrase ?? SipResponse.ReasonFor(message.StatusCode),
            SipCallHeaders.Sdp(message),
            message.ToTag,
            SipCallHeaders.ContactUri(message),
            message.StatusCode is > 100 and < 300 ? SipCallHeaders.RecordRoutes(message, reverse: true) : null,
            SipCallHeaders.SessionExpires(message),
            SipCallHeaders.MinSe(message),
            SipCallHeaders.AllowsUpdate(message),
            message.CallId,
            message.FromTag)
        {
            CommandId = $"response/{message.CallId}/{message.CSeq.Number}/{message.CSeq.MethodToken}/{message.StatusCode}/{message.ToTag}",
        };
        handler.Report(callId, command);
    }

    public void OnTimeout(SipClientTransaction transaction) => Failed(transaction, 408, "Request Timeout");

    public void OnTransportError(SipClientTransaction transaction, SipTransportException error) => Failed(transaction, 503, "Service Unavailable");

    private void Failed(SipClientTransaction transaction, int status, string reason)
    {
        if (tracksInvite)
        {
            handler.ForgetInvite(callId, legId, transaction);
        }

        var request = transaction.Request;
        handler.Report(callId, new ReceiveResponse(legId, Method(transaction), request.CSeq.Number, status, reason, SipCallId: request.CallId, LocalTag: request.FromTag)
        {
            CommandId = $"failed/{request.CallId}/{request.CSeq.Number}/{request.CSeq.MethodToken}",
        });
    }

    private static CallMethod Method(SipClientTransaction transaction) => transaction.Request.Method switch
    {
        Parsing.SipMethod.Bye => CallMethod.Bye,
        Parsing.SipMethod.Update => CallMethod.Update,
        Parsing.SipMethod.Notify => CallMethod.Notify,
        Parsing.SipMethod.Refer => CallMethod.Refer,
        _ => CallMethod.Invite,
    };
}

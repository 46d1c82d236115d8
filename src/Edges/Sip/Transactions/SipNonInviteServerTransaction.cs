using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// Non-INVITE server transaction, RFC 3261 §17.2.2.
/// <code>
///                     request received: to TU
///                          |
///   request: absorb        v
///          +------- +-----------+ -- 200-699 from TU: send, J ---------+
///          +------> |  Trying   |                                      |
///                   +-----------+                                      |
///                          | 1xx from TU: send                         |
///                          v                                           v
///   request: resend +------------+ -- 200-699 from TU: send, ---> +-----------+ request: resend final
///   1xx from TU:    | Proceeding |    J = 64*T1 unreliable / 0    | Completed | &lt;---+
///   send            +------------+                                +-----------+ ----+
///                          | transport error: tell TU                   | Timer J
///                          +-------------------------------------> Terminated
/// </code>
/// </summary>
public sealed class SipNonInviteServerTransaction : SipServerTransaction
{
    internal SipNonInviteServerTransaction(SipTransactionLayer layer, SipInboundMessage inbound, string branch)
        : base(layer, inbound, branch)
    {
        State = SipTransactionState.Trying;
    }

    private protected override bool SendResponseCore(SipMessage response)
    {
        var status = response.StatusCode;
        lock (Gate)
        {
            switch (State)
            {
                case SipTransactionState.Trying or SipTransactionState.Proceeding when status < 200:
                    State = SipTransactionState.Proceeding;
                    break;
                case SipTransactionState.Trying or SipTransactionState.Proceeding:
                    State = SipTransactionState.Completed;
                    StartTimer(SipTimer.J, IsReliable ? TimeSpan.Zero : Timers.Timeout64T1);
                    break;
                default:
                    return false;
            }
            LastResponse = response;
        }
        SendResponseBytes(response.Raw);
        return true;
    }

    internal override void OnRetransmission(SipInboundMessage request)
    {
        SipMessage? resend;
        lock (Gate) resend = State is SipTransactionState.Proceeding or SipTransactionState.Completed ? LastResponse : null;
        Layer.Counters.RecordAbsorbed();
        if (resend is not null)
        {
            Layer.Counters.RecordRetransmission();
            SendResponseBytes(resend.Raw);
        }
    }

    private protected override void OnTimer(SipTimer timer)
    {
        lock (Gate)
        {
            if (timer == SipTimer.J && State == SipTransactionState.Completed) TerminateLocked();
        }
    }
}

using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// INVITE server transaction, RFC 3261 §17.2.1 with the Accepted state of RFC 6026 §7.1 (the INVITE's
/// retransmissions are absorbed while the TU retransmits its 2xx, and a 2xx ACK reaches the TU).
/// <code>
///                   INVITE received: to TU; Trying timer (200 ms)
///                          |
///   INVITE: resend last    v     Trying timer (TU silent): send 100
///   provisional     +------------+ ------+
///          +------- | Proceeding | &lt;----+   1xx from TU: send
///          +------> +------------+ --- 2xx from TU: send, L=64*T1 ---> Accepted
///                          |                                        (INVITE absorbed,
///                          | 300-699 from TU: send,                  ACK to TU,
///                          | G=T1 (unreliable), H=64*T1              2xx from TU: send)
///                          v                                             | Timer L
///   INVITE: resend, +-----------+ -- Timer H: tell TU (no ACK) --+       v
///   G: resend,      | Completed |                                +--> Terminated
///   G=min(2G,T2)    +-----------+ -- transport error: tell TU ---+       ^
///                          | ACK: I = T4 unreliable / 0                  |
///                          v                                             |
///                   +-----------+ (ACK absorbed)                         |
///                   | Confirmed | ------------ Timer I ------------------+
///                   +-----------+
/// </code>
/// </summary>
public sealed class SipInviteServerTransaction : SipServerTransaction
{
    private TimeSpan timerGInterval;
    private SipMessage? lastProvisional;
    private bool cancelled;

    internal SipInviteServerTransaction(SipTransactionLayer layer, SipInboundMessage inbound, string branch)
        : base(layer, inbound, branch)
    {
        State = SipTransactionState.Proceeding;
    }

    /// <summary>True once a CANCEL for this INVITE was received (RFC 3261 §9.2).</summary>
    public bool IsCancelled
    {
        get { lock (Gate) return cancelled; }
    }

    internal void Start()
    {
        // RFC 3261 §17.2.1: a 100 Trying unless the TU answers within 200 ms.
        lock (Gate) StartTimer(SipTimer.Trying, Timers.TryingDelay);
    }

    private protected override bool SendResponseCore(SipMessage response)
    {
        var status = response.StatusCode;
        lock (Gate)
        {
            switch (State)
            {
                case SipTransactionState.Proceeding when status < 200:
                    CancelTimer(SipTimer.Trying);
                    lastProvisional = response;
                    break;
                case SipTransactionState.Proceeding when status < 300:
                    CancelTimer(SipTimer.Trying);
                    State = SipTransactionState.Accepted; // RFC 6026 §7.1 (RFC 3261 would terminate here)
                    StartTimer(SipTimer.L, Timers.Timeout64T1);
                    break;
                case SipTransactionState.Proceeding:
                    CancelTimer(SipTimer.Trying);
                    State = SipTransactionState.Completed;
                    if (!IsReliable)
                    {
                        timerGInterval = Timers.T1;
                        StartTimer(SipTimer.G, timerGInterval);
                    }
                    StartTimer(SipTimer.H, Timers.Timeout64T1);
                    break;
                case SipTransactionState.Accepted when status is >= 200 and < 300:
                    break; // the TU's 2xx retransmissions (RFC 3261 §13.3.1.4) pass through
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
        SipMessage? resend = null;
        lock (Gate)
        {
            resend = State switch
            {
                SipTransactionState.Proceeding => lastProvisional,
                SipTransactionState.Completed => LastResponse,
                _ => null, // Confirmed, Accepted: absorbed
            };
        }
        Layer.Counters.RecordAbsorbed();
        if (resend is not null)
        {
            Layer.Counters.RecordRetransmission();
            SendResponseBytes(resend.Raw);
        }
    }

    /// <summary>An ACK matched this transaction; false when the TU must see it (RFC 6026 Accepted state).</summary>
    internal bool OnAck()
    {
        lock (Gate)
        {
            switch (State)
            {
                case SipTransactionState.Completed:
                    // §17.2.1: ACK for the non-2xx: stop G and H, absorb ACK retransmissions for T4.
                    State = SipTransactionState.Confirmed;
                    CancelTimer(SipTimer.G);
                    CancelTimer(SipTimer.H);
                    StartTimer(SipTimer.I, IsReliable ? TimeSpan.Zero : Timers.T4);
                    return true;
                case SipTransactionState.Confirmed:
                    Layer.Counters.RecordAbsorbed();
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>RFC 3261 §9.2: tell the TU; if it did not answer, reply 487 Request Terminated.</summary>
    internal void OnCancel(SipInboundMessage cancel)
    {
        lock (Gate)
        {
            if (cancelled || State != SipTransactionState.Proceeding) return;
            cancelled = true;
        }
        Layer.Call(() => Layer.User.OnCancel(this, cancel));
        bool stillPending;
        lock (Gate) stillPending = State == SipTransactionState.Proceeding;
        if (stillPending) Respond(487, "Request Terminated");
    }

    private protected override void OnTimer(SipTimer timer)
    {
        SipMessage? resend = null;
        var ackTimeout = false;
        var sendTrying = false;
        lock (Gate)
        {
            switch (timer)
            {
                case SipTimer.Trying when State == SipTransactionState.Proceeding && lastProvisional is null:
                    sendTrying = true;
                    break;
                case SipTimer.G when State == SipTransactionState.Completed:
                    // RFC 3261 §17.2.1: resend the final response, G doubles up to T2.
                    timerGInterval = timerGInterval * 2 < Timers.T2 ? timerGInterval * 2 : Timers.T2;
                    StartTimer(SipTimer.G, timerGInterval);
                    resend = LastResponse;
                    break;
                case SipTimer.H when State == SipTransactionState.Completed:
                    ackTimeout = TerminateLocked();
                    break;
                case SipTimer.I when State == SipTransactionState.Confirmed:
                case SipTimer.L when State == SipTransactionState.Accepted:
                    TerminateLocked();
                    break;
            }
        }
        if (sendTrying) Respond(100, "Trying");
        if (resend is not null)
        {
            Layer.Counters.RecordRetransmission();
            SendResponseBytes(resend.Raw);
        }
        if (ackTimeout)
        {
            Layer.Counters.RecordTimeout();
            Layer.Call(() => Layer.User.OnServerTransactionFailed(this, SipTransactionFailure.AckTimeout));
        }
    }
}

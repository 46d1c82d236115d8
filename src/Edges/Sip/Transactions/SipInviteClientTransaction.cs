using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// INVITE client transaction, RFC 3261 §17.1.1 with the Accepted state of RFC 6026 §7.2 (2xx retransmissions reach
/// the TU through the transaction until Timer M).
/// <code>
///                  INVITE sent; A=T1 (unreliable), B=64*T1
///                        |
///   Timer A: resend,     v          Timer B / transport error: tell TU
///   A = 2*A        +-----------+ -------------------------------------------+
///       +--------- |  Calling  |                                            |
///       +--------> +-----------+ --- 2xx: to TU, M=64*T1 ----------+        |
///             1xx: to TU |   | 300-699: ACK, to TU, D            |        |
///                        v   +--------------------------+        |        |
///                  +------------+ 2xx: to TU, M         |        |        |
///   1xx: to TU +-- | Proceeding | ----------------------|------->+        |
///              +-> +------------+                       |        v        |
///                        | 300-699: ACK, to TU,         |  +----------+   |
///                        | D = 32 s unreliable / 0      |  | Accepted | (2xx: to TU)
///                        v                              |  +----------+   |
///                  +-----------+ &lt;---------------------+        | Timer M  |
///   300-699: +---- | Completed |                                v         |
///   resend ACK +-> +-----------+ --- Timer D / transport error -> Terminated
/// </code>
/// </summary>
public sealed class SipInviteClientTransaction : SipClientTransaction
{
    private readonly ReadOnlyMemory<byte> requestBytes;
    private TimeSpan timerAInterval;
    private byte[]? ack;
    private bool cancelRequested, cancelSent;

    internal SipInviteClientTransaction(SipTransactionLayer layer, SipMessage request, string branch, SipDestination destination,
        ISipClientTransactionUser user)
        : base(layer, request, branch, destination, user)
    {
        requestBytes = request.Raw;
        State = SipTransactionState.Calling;
    }

    internal override void Start()
    {
        lock (Gate)
        {
            if (!IsReliable)
            {
                timerAInterval = Timers.T1;
                StartTimer(SipTimer.A, timerAInterval); // RFC 3261 §17.1.1.2: Timer A = T1 on unreliable transports
            }
            StartTimer(SipTimer.B, Timers.Timeout64T1); // Timer B = 64*T1 on every transport
        }
        SendRequestBytes(requestBytes);
    }

    /// <summary>
    /// Asks to cancel the INVITE (RFC 3261 §9.1). The CANCEL is sent as its own non-INVITE transaction once a
    /// provisional response has arrived (never before, §9.1); after a final response nothing is sent. Returns true
    /// when a CANCEL is or will be sent.
    /// </summary>
    public bool Cancel()
    {
        bool sendNow;
        lock (Gate)
        {
            if (cancelRequested || State is not (SipTransactionState.Calling or SipTransactionState.Proceeding)) return false;
            cancelRequested = true;
            sendNow = State == SipTransactionState.Proceeding && !cancelSent;
            cancelSent |= sendNow;
        }
        if (sendNow) Layer.SendCancel(this);
        return true;
    }

    internal override void OnResponse(SipInboundMessage inbound)
    {
        var response = inbound.Message;
        var status = response.StatusCode;
        bool toTu = false, sendAck = false, sendCancel = false;
        lock (Gate)
        {
            switch (State)
            {
                case SipTransactionState.Calling or SipTransactionState.Proceeding when status < 200:
                    if (State == SipTransactionState.Calling)
                    {
                        // §17.1.1.2: a provisional response stops retransmissions (and Timer B, which only guards Calling).
                        State = SipTransactionState.Proceeding;
                        CancelTimer(SipTimer.A);
                        CancelTimer(SipTimer.B);
                        if (cancelRequested && !cancelSent) cancelSent = sendCancel = true;
                    }
                    LastResponse = response;
                    toTu = true;
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding when status < 300:
                    State = SipTransactionState.Accepted; // RFC 6026 §7.2
                    CancelTimer(SipTimer.A);
                    CancelTimer(SipTimer.B);
                    StartTimer(SipTimer.M, Timers.Timeout64T1);
                    LastResponse = response;
                    toTu = true;
                    break;
                case SipTransactionState.Calling or SipTransactionState.Proceeding:
                    // §17.1.1.2: 300-699: ACK, to the TU, Completed with Timer D.
                    State = SipTransactionState.Completed;
                    CancelTimer(SipTimer.A);
                    CancelTimer(SipTimer.B);
                    StartTimer(SipTimer.D, IsReliable ? TimeSpan.Zero : Timers.TimerDUnreliable);
                    ack = SipRequestFactory.AckForNon2xx(Request, response);
                    LastResponse = response;
                    sendAck = toTu = true;
                    break;
                case SipTransactionState.Completed when status >= 300:
                    sendAck = true; // retransmitted final: ACK again, not passed up
                    Layer.Counters.RecordAbsorbed();
                    break;
                case SipTransactionState.Accepted when status is >= 200 and < 300:
                    toTu = true; // RFC 6026 §7.2: 2xx retransmissions (or other forks' 2xx) go to the TU
                    break;
                default:
                    Layer.Counters.RecordAbsorbed();
                    break;
            }
        }
        if (sendAck) SendRequestBytes(ack!);
        if (sendCancel) Layer.SendCancel(this);
        if (toTu) Layer.Call(() => User.OnResponse(this, inbound));
    }

    private protected override void OnTimer(SipTimer timer)
    {
        var resend = false;
        var timedOut = false;
        lock (Gate)
        {
            switch (timer)
            {
                case SipTimer.A when State == SipTransactionState.Calling:
                    // RFC 3261 §17.1.1.2: resend and double Timer A (no T2 cap for INVITE).
                    timerAInterval *= 2;
                    StartTimer(SipTimer.A, timerAInterval);
                    resend = true;
                    break;
                case SipTimer.B when State == SipTransactionState.Calling:
                    timedOut = TerminateLocked();
                    break;
                case SipTimer.D when State == SipTransactionState.Completed:
                case SipTimer.M when State == SipTransactionState.Accepted:
                    TerminateLocked();
                    break;
            }
        }
        if (resend)
        {
            Layer.Counters.RecordRetransmission();
            SendRequestBytes(requestBytes);
        }
        if (timedOut)
        {
            Layer.Counters.RecordTimeout();
            Layer.Call(() => User.OnTimeout(this));
        }
    }
}

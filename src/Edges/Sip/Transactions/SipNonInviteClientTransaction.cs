using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// Non-INVITE client transaction, RFC 3261 §17.1.2.
/// <code>
///                    request sent; E=T1 (unreliable), F=64*T1
///                          |
///   Timer E: resend,       v        Timer F / transport error: tell TU
///   E = min(2E, T2)  +-----------+ --------------------------------+
///          +-------- |  Trying   |                                 |
///          +-------> +-----------+ -- 200-699: to TU, K ----+      |
///              1xx: to TU  |                                |      |
///                          v                                |      |
///   Timer E: resend, +------------+                         |      |
///   E = T2  +------- | Proceeding | -- Timer F / error ------------+
///   1xx: to TU +---> +------------+                         |      |
///                          | 200-699: to TU,                |      |
///                          | K = T4 unreliable / 0          v      |
///                          +--------------------------> Completed  |
///                                       (absorbs resends)  | K     v
///                                                          +--> Terminated
/// </code>
/// </summary>
public sealed class SipNonInviteClientTransaction : SipClientTransaction
{
    private readonly ReadOnlyMemory<byte> requestBytes;
    private TimeSpan timerEInterval;

    internal SipNonInviteClientTransaction(SipTransactionLayer layer, SipMessage request, string branch, SipDestination destination,
        ISipClientTransactionUser user)
        : base(layer, request, branch, destination, user)
    {
        requestBytes = request.Raw;
        State = SipTransactionState.Trying;
    }

    internal override void Start()
    {
        lock (Gate)
        {
            if (!IsReliable)
            {
                timerEInterval = Timers.T1;
                StartTimer(SipTimer.E, timerEInterval); // RFC 3261 §17.1.2.2: Timer E = T1 on unreliable transports
            }
            StartTimer(SipTimer.F, Timers.Timeout64T1);
        }
        SendRequestBytes(requestBytes);
    }

    internal override void OnResponse(SipInboundMessage inbound)
    {
        var status = inbound.Message.StatusCode;
        var toTu = false;
        lock (Gate)
        {
            switch (State)
            {
                case SipTransactionState.Trying or SipTransactionState.Proceeding when status < 200:
                    State = SipTransactionState.Proceeding;
                    LastResponse = inbound.Message;
                    toTu = true;
                    break;
                case SipTransactionState.Trying or SipTransactionState.Proceeding:
                    State = SipTransactionState.Completed;
                    CancelTimer(SipTimer.E);
                    CancelTimer(SipTimer.F);
                    StartTimer(SipTimer.K, IsReliable ? TimeSpan.Zero : Timers.T4);
                    LastResponse = inbound.Message;
                    toTu = true;
                    break;
                default:
                    Layer.Counters.RecordAbsorbed(); // §17.1.2.2: Completed absorbs retransmitted responses
                    break;
            }
        }
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
                case SipTimer.E when State == SipTransactionState.Trying:
                    // RFC 3261 §17.1.2.2: double up to T2 while Trying...
                    timerEInterval = Min(timerEInterval * 2, Timers.T2);
                    StartTimer(SipTimer.E, timerEInterval);
                    resend = true;
                    break;
                case SipTimer.E when State == SipTransactionState.Proceeding:
                    // ...and every T2 once a provisional response arrived.
                    timerEInterval = Timers.T2;
                    StartTimer(SipTimer.E, timerEInterval);
                    resend = true;
                    break;
                case SipTimer.F when State is SipTransactionState.Trying or SipTransactionState.Proceeding:
                    timedOut = TerminateLocked();
                    break;
                case SipTimer.K when State == SipTransactionState.Completed:
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

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// Common machinery of the four RFC 3261 §17 state machines: a lock per transaction, keyed timers on the injected
/// <see cref="TimeProvider"/> (a generation number per key, so a timer that was cancelled or restarted can never
/// deliver a stale expiry), and fire-and-forget sends whose failures become transport errors (§17.1.4, §17.2.4).
/// Subclasses change state only under <see cref="Gate"/> and call the TU only outside it.
/// </summary>
public abstract class SipTransaction
{
    private readonly Dictionary<SipTimer, (ITimer Timer, long Generation)> timers = [];
    private long timerGeneration;

    /// <summary>Guards state and timers; never held while calling the TU or awaiting I/O.</summary>
    protected readonly Lock Gate = new();

    private protected SipTransaction(SipTransactionLayer layer, SipMessage request, string branch, bool reliable)
    {
        Layer = layer;
        Request = request;
        Branch = branch;
        IsReliable = reliable;
    }

    internal SipTransactionLayer Layer { get; }

    /// <summary>The request that created the transaction (for an INVITE server transaction, the INVITE).</summary>
    public SipMessage Request { get; }

    /// <summary>The top Via branch (for RFC 2543 peers without a magic cookie, possibly empty).</summary>
    public string Branch { get; }

    /// <summary>Whether the transport is reliable (no retransmission timers, zero wait timers).</summary>
    public bool IsReliable { get; }

    /// <summary>The current state.</summary>
    public SipTransactionState State { get; private protected set; }

    /// <summary>Timer base values.</summary>
    protected SipTimerSettings Timers => Layer.Timers;

    internal object? TableKey { get; set; }

    internal object? FallbackKey { get; set; }

    /// <summary>Runs when a timer fires, outside <see cref="Gate"/>; stale expiries are filtered before.</summary>
    private protected abstract void OnTimer(SipTimer timer);

    /// <summary>Starts or restarts a keyed timer. Call under <see cref="Gate"/>.</summary>
    private protected void StartTimer(SipTimer timer, TimeSpan due)
    {
        CancelTimer(timer);
        var generation = ++timerGeneration;
        var handle = Layer.Time.CreateTimer(static s => ((TimerState)s!).Fire(), new TimerState(this, timer, generation),
            due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        timers[timer] = (handle, generation);
    }

    /// <summary>Cancels a keyed timer; a concurrent expiry of it is ignored. Call under <see cref="Gate"/>.</summary>
    private protected void CancelTimer(SipTimer timer)
    {
        if (timers.Remove(timer, out var entry)) entry.Timer.Dispose();
    }

    /// <summary>True while the keyed timer is armed. Call under <see cref="Gate"/>.</summary>
    private protected bool IsTimerRunning(SipTimer timer) => timers.ContainsKey(timer);

    /// <summary>Moves to Terminated, cancels every timer and leaves the table. Call under <see cref="Gate"/>; true the first time.</summary>
    private protected bool TerminateLocked()
    {
        if (State == SipTransactionState.Terminated) return false;
        State = SipTransactionState.Terminated;
        foreach (var (_, entry) in timers) entry.Timer.Dispose();
        timers.Clear();
        Layer.Remove(this);
        return true;
    }

    /// <summary>Hands bytes to the transport; a failure (sync or async) is reported to <see cref="OnTransportFailure"/>.</summary>
    private protected void Send(Func<ValueTask> send)
    {
        ValueTask pending;
        try
        {
            pending = send();
        }
        catch (SipTransportException ex)
        {
            OnTransportFailure(ex);
            return;
        }
        catch (Exception ex)
        {
            OnTransportFailure(new SipTransportException($"send failed: {ex.Message}", ex));
            return;
        }
        if (pending.IsCompletedSuccessfully) return;
        _ = Observe(pending);
    }

    private async Task Observe(ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (SipTransportException ex)
        {
            OnTransportFailure(ex);
        }
        catch (Exception ex)
        {
            OnTransportFailure(new SipTransportException($"send failed: {ex.Message}", ex));
        }
    }

    /// <summary>RFC 3261 §17.1.4 / §17.2.4: the transaction terminates and the TU is told.</summary>
    private protected abstract void OnTransportFailure(SipTransportException error);

    private void Fire(SipTimer timer, long generation)
    {
        lock (Gate)
        {
            if (!timers.TryGetValue(timer, out var entry) || entry.Generation != generation) return; // cancelled or restarted
            timers.Remove(timer);
            entry.Timer.Dispose();
        }
        try
        {
            OnTimer(timer);
        }
        catch (Exception ex)
        {
            Layer.ReportFault(this, $"timer {timer}", ex);
        }
    }

    private sealed class TimerState(SipTransaction owner, SipTimer timer, long generation)
    {
        public void Fire() => owner.Fire(timer, generation);
    }

    public override string ToString() => $"{GetType().Name}({Request.MethodText} {Branch}, {State})";
}

using Cluster.Edges.Sip.Parsing;
using Cluster.Edges.Sip.Transport;

namespace Cluster.Edges.Sip.Transactions;

/// <summary>
/// Retransmits a UAS's 2xx to an INVITE end to end (RFC 3261 §13.3.1.4): the INVITE server transaction does not
/// (the 2xx must survive proxies that forward over UDP), so the core does, starting at T1 and doubling up to T2,
/// until the ACK arrives or 64*T1 passes. Created by <see cref="SipTransactionLayer.SendInvite2xx"/>; sends go
/// straight to the transport along the INVITE's path, so they outlive the transaction's Accepted state.
/// </summary>
public sealed class Sip2xxRetransmitter
{
    private readonly SipTransactionLayer layer;
    private readonly SipServerTransaction transaction;
    private readonly Action<Sip2xxRetransmitter> onTimeout;
    private readonly Lock gate = new();
    private ITimer? retransmit, deadline;
    private TimeSpan interval;
    private bool done;

    internal Sip2xxRetransmitter(SipTransactionLayer layer, SipServerTransaction transaction, SipMessage response, Action<Sip2xxRetransmitter> onTimeout)
    {
        this.layer = layer;
        this.transaction = transaction;
        Response = response;
        this.onTimeout = onTimeout;
    }

    /// <summary>The 2xx being retransmitted.</summary>
    public SipMessage Response { get; }

    /// <summary>How many retransmissions were sent (the first transmission not counted).</summary>
    public int Retransmissions { get; private set; }

    /// <summary>True once the ACK arrived.</summary>
    public bool IsAcknowledged { get; private set; }

    /// <summary>True once 64*T1 passed without an ACK.</summary>
    public bool IsTimedOut { get; private set; }

    internal void Start()
    {
        lock (gate)
        {
            interval = layer.Timers.T1;
            retransmit = layer.Time.CreateTimer(_ => Retransmit(), null, interval, Timeout.InfiniteTimeSpan);
            deadline = layer.Time.CreateTimer(_ => TimeOut(), null, layer.Timers.Timeout64T1, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The ACK arrived: stop retransmitting. The layer calls this for a matching ACK; a core may call it too.</summary>
    public void Acknowledge()
    {
        lock (gate)
        {
            if (done) return;
            IsAcknowledged = true;
            StopLocked();
        }
    }

    private void Retransmit()
    {
        lock (gate)
        {
            if (done) return;
            interval = interval * 2 < layer.Timers.T2 ? interval * 2 : layer.Timers.T2;
            retransmit?.Change(interval, Timeout.InfiniteTimeSpan);
            Retransmissions++;
        }
        layer.Counters.RecordRetransmission();
        try
        {
            var pending = layer.Sender.SendResponseAsync(transaction.Flow, transaction.Request.TopVia, Response.Raw);
            if (!pending.IsCompletedSuccessfully) _ = Observe(pending);
        }
        catch (SipTransportException ex)
        {
            layer.Log.Debug("2xx retransmission for {Request} failed: {Error}", transaction.Request, ex.Message);
        }
    }

    private async Task Observe(ValueTask pending)
    {
        try
        {
            await pending.ConfigureAwait(false);
        }
        catch (SipTransportException ex)
        {
            layer.Log.Debug("2xx retransmission for {Request} failed: {Error}", transaction.Request, ex.Message);
        }
    }

    private void TimeOut()
    {
        lock (gate)
        {
            if (done) return;
            IsTimedOut = true;
            StopLocked();
        }
        layer.Counters.RecordTimeout();
        layer.Call(() => onTimeout(this));
    }

    private void StopLocked()
    {
        done = true;
        retransmit?.Dispose();
        deadline?.Dispose();
    }
}

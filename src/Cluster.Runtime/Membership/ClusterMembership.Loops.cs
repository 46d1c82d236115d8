using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Membership;

public sealed partial class ClusterMembership
{
    private int heartbeatFailures;
    private int leaseFailures;

    private Task Loop(Func<CancellationToken, Task> round, TimeSpan interval) => Task.Run(async () =>
    {
        var ct = stopping.Token;
        while (!ct.IsCancellationRequested && !removed.Task.IsCompleted)
        {
            try
            {
                await round(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.Error(ex, "Membership loop {Loop} of {Self} failed; it goes on", round.Method.Name, SelfUniqueAddress);
            }
            try
            {
                await Task.Delay(interval, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    });

    /// <summary>A token that fires after operation-timeout (or when membership stops): a statement that slow counts as failed.</summary>
    private CancellationTokenSource OperationToken(CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(Settings.OperationTimeout);
        return cts;
    }

    private async Task HeartbeatRoundAsync(CancellationToken ct)
    {
        UniqueAddress me;
        bool isFenced;
        lock (gate)
        {
            me = self;
            isFenced = fenced;
        }
        if (isFenced)
        {
            if (Settings.AutoRejoin) await TryRejoinAsync(me, ct).ConfigureAwait(false);
            return;
        }
        var started = time.GetTimestamp();
        MemberStatus? status;
        try
        {
            using var op = OperationToken(ct);
            status = await store.HeartbeatAsync(me, op.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            if (++heartbeatFailures == 1)
                log.Warning(ex, "Heartbeat renewal of {Self} failed; the node fences itself if no renewal succeeds within {SelfFenceTimeout}", me, Settings.SelfFenceTimeout);
            else
                log.Debug(ex, "Heartbeat renewal of {Self} failed ({Failures} in a row)", me, heartbeatFailures);
            return;
        }
        if (heartbeatFailures > 0)
        {
            log.Information("Heartbeat renewal of {Self} succeeded again after {Failures} failures", me, heartbeatFailures);
            heartbeatFailures = 0;
        }
        lock (gate)
        {
            if (fenced || self != me) return;
            if (started > lastRenewalStart) lastRenewalStart = started;
            if (status is null)
            {
                if (!exitingSelf) FenceLocked(SelfFenceReason.Downed, time.GetElapsedTime(lastRenewalStart));
                return;
            }
            if (!members.TryGetValue(me, out var known) || known.Status != status) SignalRefresh();
        }
    }

    private async Task FenceWatchdogAsync()
    {
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(5).Ticks, Settings.HeartbeatInterval.Ticks / 4));
        var ct = stopping.Token;
        while (!ct.IsCancellationRequested && !removed.Task.IsCompleted)
        {
            try
            {
                await Task.Delay(period, time, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (gate)
            {
                if (!joined || fenced || removed.Task.IsCompleted) continue;
                var sinceHeartbeat = time.GetElapsedTime(lastRenewalStart);
                if (sinceHeartbeat > Settings.SelfFenceTimeout)
                    FenceLocked(SelfFenceReason.HeartbeatTimeout, sinceHeartbeat);
                else if (leaseRenewalFailing && time.GetElapsedTime(lastLeaseRenewalOk) is var sinceLease && sinceLease > Settings.SelfFenceTimeout)
                    FenceLocked(SelfFenceReason.LeaseRenewalTimeout, sinceLease);
            }
        }
    }

    /// <summary>
    /// Stops acting as the current incarnation: leases are forgotten (HoldsLease is false from now on) and
    /// <see cref="SelfFenced"/> is published synchronously, so entity hosts stop before anyone may take the shards.
    /// </summary>
    private void FenceLocked(SelfFenceReason reason, TimeSpan sinceLastRenewal)
    {
        if (fenced) return;
        fenced = true;
        Leases.ForgetAll();
        log.Error("Node {Self} fenced itself ({Reason}, {Since:0.000} s since the last successful renewal): all entities stop, leases are no longer renewed{Rejoin}",
            self, reason, sinceLastRenewal.TotalSeconds, Settings.AutoRejoin ? "; it rejoins as a new incarnation when the database answers" : "");
        PublishLocked(new SelfFenced(self, reason, sinceLastRenewal));
    }

    private async Task TryRejoinAsync(UniqueAddress previous, CancellationToken ct)
    {
        var next = new UniqueAddress(previous.Address, NewUid());
        var started = time.GetTimestamp();
        try
        {
            using var op = OperationToken(ct);
            await store.JoinAsync(next, NodeName, Roles, Settings.EffectiveAppVersion, op.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.Debug(ex, "Rejoin of fenced node {Self} failed; retrying", previous);
            return;
        }
        lock (gate)
        {
            self = next;
            fenced = false;
            exitingSelf = false;
            lastRenewalStart = started;
            lastLeaseRenewalOk = started;
            leaseRenewalFailing = false;
            heartbeatFailures = 0;
            log.Information("Node {Previous} rejoined the cluster as new incarnation {Self}", previous, next);
            PublishLocked(new SelfRejoined(previous, next));
        }
        SignalRefresh();
    }

    private void OnLeaseRenewal(long started, Exception? error)
    {
        lock (gate)
        {
            if (error is null)
            {
                if (started > lastLeaseRenewalOk) lastLeaseRenewalOk = started;
                leaseRenewalFailing = false;
            }
            else
            {
                leaseRenewalFailing = true;
            }
        }
    }

    private async Task LeaseRoundAsync(CancellationToken ct)
    {
        UniqueAddress me;
        lock (gate)
        {
            if (!joined || fenced || exitingSelf) return;
            me = self;
        }
        try
        {
            using var op = OperationToken(ct);
            await Leases.RenewAllAsync(me, op.Token).ConfigureAwait(false);
            leaseFailures = 0;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            if (++leaseFailures == 1) log.Warning(ex, "Lease renewal of {Self} failed; leases lapse locally {Margin} before they expire", me, Settings.LeaseSafetyMargin);
        }
    }

    private void SignalRefresh()
    {
        try
        {
            if (refreshSignal.CurrentCount == 0) refreshSignal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    private async Task MembershipLoopAsync()
    {
        await Task.Yield();
        var ct = stopping.Token;
        while (!ct.IsCancellationRequested && !removed.Task.IsCompleted)
        {
            try
            {
                await refreshSignal.WaitAsync(Settings.LeaderActionsInterval, ct).ConfigureAwait(false);
                await MembershipRoundAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.Warning(ex, "Membership round of {Self} failed", SelfUniqueAddress);
            }
        }
    }

    /// <summary>
    /// One round: down stale members and remove old Down ones (any node may, each is one race-safe statement), read
    /// the table and publish, then the leader's actions, then this node's own exit when it has reached Exiting.
    /// </summary>
    private async Task MembershipRoundAsync(CancellationToken ct)
    {
        UniqueAddress me;
        lock (gate)
        {
            if (!joined || fenced) return;
            me = self;
        }
        using var op = OperationToken(ct);
        foreach (var downed in await store.DownStaleAsync(Settings.DownAfter, op.Token).ConfigureAwait(false))
            log.Warning("Member {Member} marked Down by {Self}: no heartbeat for more than {DownAfter}", downed, me, Settings.DownAfter);
        await store.RemoveDownAsync(Settings.RemoveAfterDown, op.Token).ConfigureAwait(false);
        Apply(me, await store.ReadMembersAsync(op.Token).ConfigureAwait(false));

        bool isLeader;
        MemberStatus? selfStatus;
        lock (gate)
        {
            if (fenced || self != me) return;
            isLeader = leader == me;
            selfStatus = members.TryGetValue(me, out var m) ? m.Status : null;
        }
        if (isLeader)
        {
            var promoted = await store.PromoteJoiningAsync(Settings.UnreachableAfter, op.Token).ConfigureAwait(false);
            var exited = await store.ExitLeavingAsync(op.Token).ConfigureAwait(false);
            if (promoted + exited > 0)
            {
                Apply(me, await store.ReadMembersAsync(op.Token).ConfigureAwait(false));
                lock (gate) selfStatus = members.TryGetValue(me, out var m) ? m.Status : null;
            }
        }
        if (selfStatus == MemberStatus.Exiting) await ExitSelfAsync(me, op.Token).ConfigureAwait(false);
    }

    /// <summary>The leader moved this node to Exiting: it holds no lease any more, so it marks itself Removed and stops.</summary>
    private async Task ExitSelfAsync(UniqueAddress me, CancellationToken ct)
    {
        lock (gate) exitingSelf = true;
        await store.SetStatusAsync(me.Address, me.Uid, [MemberStatus.Exiting], MemberStatus.Removed, ct).ConfigureAwait(false);
        Apply(me, await store.ReadMembersAsync(ct).ConfigureAwait(false));
        log.Information("Node {Self} left the cluster and is Removed", me);
        removed.TrySetResult();
    }

    private void OnRemotingEvent(RemotingEvent e)
    {
        bool unreachable;
        switch (e)
        {
            case PeerUnreachable:
                unreachable = true;
                break;
            case PeerReachable:
                unreachable = false;
                break;
            default:
                return;
        }
        UniqueAddress me;
        lock (gate)
        {
            var changed = unreachable ? transportUnreachable.Add(e.Remote.Address) : transportUnreachable.Remove(e.Remote.Address);
            if (!changed) return;
            if (joined && !fenced) ApplyLocked();
            if (!joined || fenced) return;
            me = self;
        }
        _ = ReportReachabilityAsync(e.Remote.Address, me.Address, unreachable);
    }

    private async Task ReportReachabilityAsync(NodeAddress target, NodeAddress observer, bool unreachable)
    {
        try
        {
            using var op = OperationToken(stopping.Token);
            await store.SetUnreachableAsync(target, observer, unreachable, op.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log.Debug(ex, "Could not record that {Target} is {State} from {Observer}", target, unreachable ? "unreachable" : "reachable", observer);
        }
    }
}

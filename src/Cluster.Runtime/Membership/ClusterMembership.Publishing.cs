using Cluster.Runtime.Kernel;
using Cluster.Runtime.Remoting;

namespace Cluster.Runtime.Membership;

public sealed partial class ClusterMembership
{
    /// <summary>
    /// Calls <paramref name="handler"/> with a <see cref="CurrentClusterState"/> first and then with every event, in
    /// order, until the returned handle is disposed. The handler runs on the membership loop and must not block.
    /// </summary>
    public IDisposable Subscribe(Action<IClusterDomainEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (gate)
        {
            Deliver(handler, CurrentStateLocked());
            subscribers.Add(handler);
        }
        return new Subscription(this, handler);
    }

    /// <summary>
    /// Sends <paramref name="subscriber"/> a <see cref="CurrentClusterState"/> and subscribes it to every
    /// <see cref="IClusterDomainEvent"/> on the event stream (Akka's <c>Cluster.Subscribe</c> with InitialStateAsSnapshot).
    /// </summary>
    public void Subscribe(IActorRef subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (gate)
        {
            subscriber.Tell(CurrentStateLocked(), null);
            system.EventStream.Subscribe(subscriber, typeof(IClusterDomainEvent));
        }
    }

    public void Unsubscribe(IActorRef subscriber) => system.EventStream.Unsubscribe(subscriber, typeof(IClusterDomainEvent));

    private void Apply(UniqueAddress readAs, List<MemberRow> rows)
    {
        lock (gate)
        {
            // Rows read by an incarnation this node has since replaced (after fencing) would misreport our own status.
            if (self != readAs || fenced) return;
            lastRows = rows;
            ApplyLocked();
        }
    }

    private void ApplyLocked()
    {
        var after = new Dictionary<UniqueAddress, Member>(lastRows.Count);
        foreach (var row in lastRows)
        {
            if (row.Status == MemberStatus.Removed) continue;
            var reachable = !transportUnreachable.Contains(row.UniqueAddress.Address) && row.UnreachableBy.Length == 0 &&
                            row.HeartbeatAge <= Settings.UnreachableAfter;
            after[row.UniqueAddress] = row.ToMember(reachable);
        }
        var newLeader = MembershipDiff.Leader(after.Values);
        var events = MembershipDiff.Compute(members, after, leader, newLeader);
        members = after;
        leader = newLeader;
        foreach (var e in events)
        {
            PublishLocked(e);
            if (transport is not null) ManageTransport(e);
        }
        if (joined && !fenced && !exitingSelf && (!after.TryGetValue(self, out var me) || !me.Status.IsLive()))
            FenceLocked(SelfFenceReason.Downed, time.GetElapsedTime(lastRenewalStart));
    }

    /// <summary>Up members are associated at once (transport failure detection starts); removed addresses are forgotten.</summary>
    private void ManageTransport(IClusterDomainEvent e)
    {
        switch (e)
        {
            case MemberUp up when up.Member.Address != self.Address:
                transport!.Associate(up.Member.Address);
                break;
            case MemberRemoved gone when gone.Member.Address != self.Address && !members.Values.Any(m => m.Address == gone.Member.Address):
                _ = transport!.ForgetAsync(gone.Member.Address);
                break;
        }
    }

    private CurrentClusterState CurrentStateLocked()
    {
        var ordered = members.Values.OrderBy(m => m, Member.AgeOrder).ToList();
        return new CurrentClusterState(ordered, ordered.Where(m => !m.IsReachable && m.Status.IsLive()).ToList(), leader, members.GetValueOrDefault(self));
    }

    private void PublishLocked(IClusterDomainEvent e)
    {
        system.EventStream.Publish(e);
        foreach (var handler in subscribers) Deliver(handler, e);
    }

    private void Deliver(Action<IClusterDomainEvent> handler, IClusterDomainEvent e)
    {
        try
        {
            handler(e);
        }
        catch (Exception ex)
        {
            log.Error(ex, "Membership subscriber failed on {Event}", e.GetType().Name);
        }
    }

    private sealed class Subscription(ClusterMembership owner, Action<IClusterDomainEvent> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.gate) owner.subscribers.Remove(handler);
        }
    }
}

using Cluster.Runtime.Kernel;

namespace Cluster.Runtime.Remoting;

/// <summary>
/// Remote death watch bookkeeping of one system (the role of Akka's RemoteWatcher). It remembers which local actors
/// watch actors on which node (outbound) and which remote actors watch local ones (inbound), so that when a whole node
/// is gone every local watcher gets <see cref="Terminated"/> with <c>AddressTerminated = true</c> and local actors
/// forget their remote watchers. A node counts as gone when
/// <list type="bullet">
/// <item>its association was lost (or it became unreachable) and did not come back within
/// <c>address-terminated-after</c>;</item>
/// <item>it restarted: the transport reports a new incarnation at the same address;</item>
/// <item>membership says so (<see cref="RemotingExtension.NotifyAddressTerminated(Cluster.Runtime.Kernel.Address, string)"/>, for Down/Removed).</item>
/// </list>
/// After that, a new watch of an actor on the same incarnation is answered with Terminated at once; a new incarnation
/// at the address is watchable again.
/// </summary>
internal sealed class RemoteWatcher : IDisposable
{
    private readonly object gate = new();
    private readonly RemoteActorRefProvider provider;
    private readonly TimeSpan terminateAfter;
    private readonly TimeProvider time;
    // Keyed by the watched path: ActorPath equality ignores the uid, so a DeathWatchNotification carrying the actor's
    // uid finds a watch made through a path without one.
    private readonly Dictionary<Address, Dictionary<ActorPath, List<(RemoteActorRef Watchee, InternalActorRef Watcher)>>> outbound = new();
    private readonly Dictionary<Address, HashSet<(InternalActorRef Watchee, RemoteActorRef Watcher)>> inbound = new();
    private readonly Dictionary<Address, long> terminated = new();
    private readonly Dictionary<Address, (long Uid, ITimer Timer)> pending = new();
    private bool disposed;

    public RemoteWatcher(RemoteActorRefProvider provider, TimeSpan terminateAfter, TimeProvider time)
    {
        this.provider = provider;
        this.terminateAfter = terminateAfter;
        this.time = time;
    }

    /// <summary>Records a watch; false when the watchee's node is already terminated (answer at once instead).</summary>
    public bool AddOutbound(RemoteActorRef watchee, InternalActorRef watcher)
    {
        var address = watchee.Path.Address;
        lock (gate)
        {
            if (terminated.ContainsKey(address)) return false;
            if (!outbound.TryGetValue(address, out var byPath)) outbound[address] = byPath = new Dictionary<ActorPath, List<(RemoteActorRef, InternalActorRef)>>();
            if (!byPath.TryGetValue(watchee.Path, out var list)) byPath[watchee.Path] = list = [];
            if (!list.Contains((watchee, watcher))) list.Add((watchee, watcher));
            return true;
        }
    }

    public void RemoveOutbound(RemoteActorRef watchee, InternalActorRef watcher)
    {
        lock (gate)
        {
            if (!outbound.TryGetValue(watchee.Path.Address, out var byPath) || !byPath.TryGetValue(watchee.Path, out var list)) return;
            list.Remove((watchee, watcher));
            if (list.Count == 0) byPath.Remove(watchee.Path);
        }
    }

    /// <summary>
    /// The watched reference (as the watcher registered it) that a DeathWatchNotification for
    /// <paramref name="actorPath"/> concerns; the watch is removed. Null when <paramref name="watcher"/> no longer watches it.
    /// </summary>
    public RemoteActorRef? TakeOutbound(ActorPath actorPath, InternalActorRef watcher)
    {
        lock (gate)
        {
            if (!outbound.TryGetValue(actorPath.Address, out var byPath) || !byPath.TryGetValue(actorPath, out var list)) return null;
            var index = list.FindIndex(e => e.Watcher.Equals(watcher)
                && (e.Watchee.Path.Uid == actorPath.Uid || e.Watchee.Path.Uid == ActorPath.UndefinedUid));
            if (index < 0) return null;
            var watchee = list[index].Watchee;
            list.RemoveAt(index);
            if (list.Count == 0) byPath.Remove(actorPath);
            return watchee;
        }
    }

    public void AddInbound(InternalActorRef watchee, RemoteActorRef watcher)
    {
        lock (gate)
        {
            var address = watcher.Path.Address;
            if (!inbound.TryGetValue(address, out var set)) inbound[address] = set = [];
            set.Add((watchee, watcher));
        }
    }

    public void RemoveInbound(InternalActorRef watchee, RemoteActorRef watcher)
    {
        lock (gate)
        {
            if (inbound.TryGetValue(watcher.Path.Address, out var set)) set.Remove((watchee, watcher));
        }
    }

    /// <summary>Number of (watchee, watcher) pairs, both directions; for tests and diagnostics.</summary>
    public (int Outbound, int Inbound) Count()
    {
        lock (gate)
            return (outbound.Values.Sum(d => d.Values.Sum(l => l.Count)), inbound.Values.Sum(s => s.Count));
    }

    public bool IsTerminated(Address address)
    {
        lock (gate) return terminated.ContainsKey(address);
    }

    /// <summary>Transport events drive failure detection of watched nodes.</summary>
    public void OnTransportEvent(RemotingEvent evt)
    {
        var address = provider.ToAddress(evt.Remote.Address);
        switch (evt)
        {
            case AssociationEstablished e:
                lock (gate)
                {
                    CancelPending(address);
                    // A new incarnation at a terminated address may be watched again; the same one stays terminated.
                    if (terminated.TryGetValue(address, out var uid) && (uid == 0 || uid != e.Remote.Uid)) terminated.Remove(address);
                }
                break;
            case AssociationLost e:
                StartPending(address, e.Remote.Uid, e.Graceful ? "it shut down" : $"its connection was lost ({e.Reason})");
                break;
            case PeerUnreachable e:
                StartPending(address, e.Remote.Uid, $"it is unreachable (silent for {e.Silence})");
                break;
            case PeerReachable e:
                lock (gate)
                    if (pending.TryGetValue(address, out var p) && p.Uid == e.Remote.Uid) CancelPending(address);
                break;
            case IncarnationChanged e:
                Terminate(address, e.Previous.Uid, $"it restarted (incarnation {e.Previous.Uid} replaced by {e.Remote.Uid})");
                break;
        }
    }

    /// <summary>
    /// Declares the node at <paramref name="address"/> (incarnation <paramref name="uid"/>, 0 = whatever is there)
    /// gone: every local watcher of its actors gets Terminated(addressTerminated: true), local actors forget watchers
    /// living there, and <see cref="AddressTerminated"/> is published. Idempotent per incarnation.
    /// </summary>
    public void Terminate(Address address, long uid, string reason)
    {
        List<(RemoteActorRef Watchee, InternalActorRef Watcher)> watches = [];
        List<(InternalActorRef Watchee, RemoteActorRef Watcher)> remoteWatchers = [];
        bool first;
        lock (gate)
        {
            if (disposed) return;
            CancelPending(address);
            first = !terminated.TryGetValue(address, out var previous) || previous != uid;
            terminated[address] = uid;
            if (outbound.Remove(address, out var byPath))
                foreach (var list in byPath.Values) watches.AddRange(list);
            if (inbound.Remove(address, out var set)) remoteWatchers.AddRange(set);
        }
        foreach (var (watchee, watcher) in watches)
            watcher.SendSystemMessage(new DeathWatchNotification(watchee, existenceConfirmed: true, addressTerminated: true));
        foreach (var (watchee, watcher) in remoteWatchers)
            watchee.SendSystemMessage(new Unwatch(watchee, watcher));
        Interlocked.Add(ref provider.Counters.remoteWatchesTerminated, watches.Count);
        if (!first && watches.Count == 0) return;
        if (first) Interlocked.Increment(ref provider.Counters.addressesTerminated);
        provider.Log.Warning("Address {Address} terminated because {Reason}; {Watches} watches of its actors ended",
            address.ToString(), reason, watches.Count);
        if (first) provider.System.EventStream.Publish(new AddressTerminated(address, reason));
    }

    private void StartPending(Address address, long uid, string reason)
    {
        lock (gate)
        {
            if (disposed || pending.ContainsKey(address)) return;
            if (terminated.TryGetValue(address, out var t) && t == uid) return;
            var timer = time.CreateTimer(_ => OnPendingExpired(address, uid, reason), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            pending[address] = (uid, timer);
            timer.Change(terminateAfter, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnPendingExpired(Address address, long uid, string reason)
    {
        lock (gate)
        {
            if (!pending.TryGetValue(address, out var p) || p.Uid != uid) return;
        }
        Terminate(address, uid, $"{reason} and it did not come back within {terminateAfter}");
    }

    private void CancelPending(Address address)
    {
        if (pending.Remove(address, out var p)) p.Timer.Dispose();
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            foreach (var p in pending.Values) p.Timer.Dispose();
            pending.Clear();
        }
    }
}

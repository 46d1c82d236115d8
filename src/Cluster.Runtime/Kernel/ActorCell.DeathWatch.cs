namespace Cluster.Runtime.Kernel;

/// <summary>Death watch: Watch/Unwatch, Terminated delivery exactly once, telling watchers when we stop.</summary>
internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef subject) => WatchCore(subject, null);

    public IActorRef WatchWith(IActorRef subject, object message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return WatchCore(subject, message);
    }

    private IActorRef WatchCore(IActorRef subject, object? custom)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not InternalActorRef target)
            throw new ArgumentException($"{subject} is not a runtime actor reference and cannot be watched.", nameof(subject));
        if (target.Equals(self)) return subject;
        var watching = Extras.Watching ??= new Dictionary<IActorRef, object?>();
        var already = watching.ContainsKey(target);
        watching[target] = custom;
        if (!already) target.SendSystemMessage(new Watch(target, self));
        return subject;
    }

    public IActorRef Unwatch(IActorRef subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject is not InternalActorRef target || target.Equals(self)) return subject;
        var ex = extras;
        if (ex is null) return subject;
        var wasWatching = ex.Watching?.Remove(target) ?? false;
        ex.TerminatedQueued?.Remove(target);
        if (wasWatching) target.SendSystemMessage(new Unwatch(target, self));
        return subject;
    }

    private void AddWatcher(InternalActorRef watchee, InternalActorRef watcher)
    {
        if (!watchee.Equals(self) || watcher.Equals(self)) return;
        (Extras.WatchedBy ??= []).Add(watcher);
    }

    private void RemoveWatcher(InternalActorRef watchee, InternalActorRef watcher)
    {
        if (!watchee.Equals(self)) return;
        extras?.WatchedBy?.Remove(watcher);
    }

    private void HandleDeathWatchNotification(DeathWatchNotification n)
    {
        var wasChild = RemoveChild(n.Actor);

        var ex = extras;
        if (ex?.Watching is not null && ex.Watching.Remove(n.Actor, out var custom))
        {
            (ex.TerminatedQueued ??= new Dictionary<IActorRef, object?>())[n.Actor] = custom;
            // Like Akka, Terminated goes through the mailbox so that it is ordered after messages already queued.
            mailbox.Post(new WatchedTerminated(new Terminated(n.Actor, n.ExistenceConfirmed, n.AddressTerminated)), n.Actor);
        }

        if (!wasChild) return;
        if ((flags & CellFlags.Terminating) != 0)
        {
            lock (this)
                if (children is { Count: > 0 }) return;
            FinishTerminate();
        }
        else if (extras?.PendingRecreate is { } cause && extras.StoppingChildren is not { Count: > 0 })
        {
            FinishRecreate(cause);
        }
    }

    /// <summary>A Terminated user message reached the head of the mailbox: deliver it unless unwatched since.</summary>
    private void ReceivedTerminated(Terminated t)
    {
        var queued = extras?.TerminatedQueued;
        if (queued is null || !queued.Remove(t.ActorRef, out var custom)) return;
        var message = custom ?? t;
        currentMessage = message;
        ReceiveMessage(message);
    }

    private void TellWatchersWeDied()
    {
        var watchers = extras?.WatchedBy;
        if (watchers is not null)
        {
            foreach (var w in watchers)
                if (!w.Equals(parent) && w is InternalActorRef iw)
                    iw.SendSystemMessage(new DeathWatchNotification(self, true, false));
            watchers.Clear();
        }
        // The parent is told last and always: it removes the child and may be waiting to finish a stop or restart.
        parent.SendSystemMessage(new DeathWatchNotification(self, true, false));
    }

    private void UnwatchWatchedActors()
    {
        var watching = extras?.Watching;
        if (watching is null) return;
        foreach (var subject in watching.Keys)
            if (subject is InternalActorRef s) s.SendSystemMessage(new Unwatch(s, self));
        watching.Clear();
        extras!.TerminatedQueued?.Clear();
    }

    /// <summary>Marks the cell as subscribed to the event stream so that termination unsubscribes it.</summary>
    internal void MarkSubscribed()
    {
        lock (this) flags |= CellFlags.Subscribed;
    }
}

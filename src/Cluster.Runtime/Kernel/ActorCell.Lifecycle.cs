namespace Cluster.Runtime.Kernel;

/// <summary>Creation, restart and termination of the actor instance (Akka's FaultHandling/dungeon).</summary>
internal sealed partial class ActorCell
{
    private void CreateActor()
    {
        try
        {
            actor = NewActorInstance();
            actor.AroundPreStart();
        }
        catch (Exception e)
        {
            actor = null;
            behaviors = null;
            HandleInvokeFailure(e as ActorInitializationException
                                ?? new ActorInitializationException($"Exception while creating actor {self}: {e.Message}", e));
        }
    }

    private ActorBase NewActorInstance()
    {
        incarnation++;
        behaviors = null;
        if (extras is not null)
        {
            extras.SyncContext = null;
            extras.Strategy = null;
        }
        var previous = constructing;
        constructing = this;
        ActorBase instance;
        try
        {
            instance = props.NewActor();
        }
        finally
        {
            constructing = previous;
        }
        if (!ReferenceEquals(instance.Cell, this))
            throw new ActorInitializationException(
                $"The Props factory of {self} returned an actor that was not constructed by it; factories must return a new instance.");
        instance.OnConstructed();
        if (instance is IWithStash withStash) withStash.Stash = Extras.Stash = new ActorStash(this);
        if (instance is IWithTimers withTimers) withTimers.Timers = Extras.Timers ??= new TimerScheduler(this);
        return instance;
    }

    private void HandleTerminate()
    {
        if (IsTerminatingOrTerminated) return;
        lock (this) flags |= CellFlags.Terminating;
        CancelReceiveTimeout();
        var kids = ChildrenSnapshot();
        if (kids.Length == 0)
        {
            FinishTerminate();
            return;
        }
        foreach (var kid in kids) StopChild(kid);
    }

    private void FinishTerminate()
    {
        var a = actor;
        try
        {
            if (a is not null)
            {
                extras?.Timers?.CancelAll();
                extras?.Stash?.DrainToDeadLetters();
                a.AroundPostStop();
            }
        }
        catch (Exception e)
        {
            Log.Error(e, "PostStop of {ActorPath} failed", self.Path.ToString());
        }
        finally
        {
            lock (this) flags = (flags | CellFlags.Terminated) & ~CellFlags.Terminating;
            mailbox.Close();
            TellWatchersWeDied();
            UnwatchWatchedActors();
            if ((flags & CellFlags.Subscribed) != 0) system.EventStream.Unsubscribe(self);
            actor = null;
            behaviors = null;
            currentMessage = null;
            currentSender = null;
            if (extras is not null)
            {
                extras.SyncContext = null;
                extras.Stash = null;
                extras.Failure = null;
                extras.FailedMessage = null;
            }
        }
    }

    /// <summary>Supervisor ordered a restart: PreRestart on the old instance, wait for stopped children, new instance.</summary>
    private void HandleRecreate(Exception cause)
    {
        if (IsTerminatingOrTerminated) return;
        var failedActor = actor;
        if (failedActor is null)
        {
            // Creation failed: just try again.
            flags &= ~(CellFlags.Suspended | CellFlags.Awaiting);
            if (extras is not null) { extras.Failure = null; extras.FailedMessage = null; extras.PendingTasks = 0; }
            CreateActor();
            return;
        }
        var failedMessage = extras?.FailedMessage;
        try
        {
            CancelReceiveTimeout();
            extras?.Timers?.CancelAll();
            extras?.Stash?.UnstashAllToMailbox();
            failedActor.AroundPreRestart(cause, failedMessage);
        }
        catch (Exception e)
        {
            Log.Error(e, "PreRestart of {ActorPath} failed", self.Path.ToString());
        }
        finally
        {
            actor = null;
            behaviors = null;
            flags &= ~CellFlags.Awaiting;
            Extras.PendingTasks = 0;
            extras!.SyncContext = null;
            extras.Stash = null;
        }
        Extras.PendingRecreate = cause;
        if (extras!.StoppingChildren is not { Count: > 0 }) FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        var ex = Extras;
        ex.PendingRecreate = null;
        ex.Failure = null;
        ex.FailedMessage = null;
        flags &= ~CellFlags.Suspended;
        var survivors = ChildrenSnapshot();
        try
        {
            actor = NewActorInstance();
            actor.AroundPostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e as ActorInitializationException
                                ?? new ActorInitializationException($"Exception in PostRestart of {self}: {e.Message}", e));
        }
        foreach (var child in survivors)
        {
            try
            {
                child.SendSystemMessage(new Recreate(cause));
            }
            catch (Exception e)
            {
                Log.Error(e, "Restarting surviving child {Child} failed", child.Path.ToString());
            }
        }
    }

    /// <summary>
    /// The current message (or creation, or a system message) threw: suspend this actor and its children and ask the
    /// parent's supervisor strategy what to do.
    /// </summary>
    internal void HandleInvokeFailure(Exception e)
    {
        if (IsTerminatingOrTerminated)
        {
            Log.Error(e, "{ActorPath} failed while stopping; the failure is ignored", self.Path.ToString());
            return;
        }
        var ex = Extras;
        if (ex.Failure is not null)
        {
            Log.Error(e, "{ActorPath} failed again while waiting for its supervisor's decision", self.Path.ToString());
            return;
        }
        flags = (flags | CellFlags.Suspended) & ~CellFlags.Awaiting;
        ex.PendingTasks = 0;
        ex.Failure = e;
        ex.FailedMessage = currentMessage;
        foreach (var child in ChildrenSnapshot()) child.SendSystemMessage(new Suspend());
        parent.SendSystemMessage(new Failed(self, e, self.Path.Uid));
    }

    private void HandleSuspend()
    {
        flags |= CellFlags.Suspended;
        foreach (var child in ChildrenSnapshot()) child.SendSystemMessage(new Suspend());
    }

    private void HandleResume(Exception? causedByFailure)
    {
        if (IsTerminatingOrTerminated) return;
        var ex = extras;
        if (causedByFailure is null && ex?.Failure is not null) return;   // our own failure is still pending upstream
        if (actor is null) return;                                          // failed creation: only Recreate helps
        flags &= ~CellFlags.Suspended;
        if (ex is not null)
        {
            ex.Failure = null;
            ex.FailedMessage = null;
        }
        foreach (var child in ChildrenSnapshot()) child.SendSystemMessage(new Resume(null));
    }

    /// <summary>A child failed: apply the supervisor strategy (this cell is the supervisor).</summary>
    private void HandleFailed(Failed failed)
    {
        if (!IsCurrentChild(failed.Child, failed.Uid)) return;   // a stale report from a dead incarnation
        if (IsTerminatingOrTerminated) return;                     // the child is being stopped anyway
        var strategy = SupervisorStrategyInternal;
        if (!strategy.HandleFailure(this, failed.Child, failed.Cause))
            HandleInvokeFailure(failed.Cause);                      // Escalate: fail like the child did
    }

    internal SupervisorStrategy SupervisorStrategyInternal
    {
        get
        {
            if (props.SupervisorStrategy is { } fromProps) return fromProps;
            var ex = Extras;
            if (ex.Strategy is not null) return ex.Strategy;
            var a = actor;
            if (a is null) return SupervisorStrategy.DefaultStrategy;
            return ex.Strategy = a.SupervisorStrategyInternal() ?? SupervisorStrategy.DefaultStrategy;
        }
    }
}
